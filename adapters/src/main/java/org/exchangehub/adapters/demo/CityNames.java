package org.exchangehub.adapters.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.exchangehub.adapters.demo.DemoCity.District;

/** The words a demo city is named with: districts of 宁 (Nanjing), roads, project names and invented developers. */
final class CityNames {

    /** Going price per m² of a new flat in each district, the centre dearest. */
    static final List<District> DISTRICTS = List.of(
            new District("玄武区", "XW", 52_000),
            new District("秦淮区", "QH", 48_000),
            new District("建邺区", "JY", 56_000),
            new District("鼓楼区", "GL", 58_000),
            new District("栖霞区", "QX", 32_000),
            new District("雨花台区", "YH", 36_000),
            new District("江宁区", "JN", 28_000),
            new District("浦口区", "PK", 24_000),
            new District("六合区", "LH", 16_000),
            new District("溧水区", "LS", 14_000),
            new District("高淳区", "GC", 12_000));

    private static final List<String> ROADS = List.of(
            "中山", "北京东", "龙蟠中", "中华", "江东中", "集庆", "汉中", "广州", "太平北", "虎踞", "草场门", "黄山", "梦都", "长虹", "天元东", "江山", "纬七",
            "燕山", "雨花", "栖霞");

    private static final List<String> NAME_STEMS = List.of(
            "翠湖", "江岸", "金域", "锦绣", "紫金", "云锦", "钟山", "栖园", "星河", "万景", "雅居", "明珠", "御景", "滨江", "清江", "梧桐", "书香", "秦淮",
            "玉兰", "凤凰", "金陵", "桃源", "观澜", "枫林", "丽景");

    private static final List<String> NAME_ENDINGS =
            List.of("花园", "湾花园", "雅苑", "名邸", "府", "公馆", "华庭", "家园", "新城", "世家", "苑", "山庄");

    /** Invented, like every other name here. */
    private static final List<String> DEVELOPERS = List.of(
            "金陵安居置业有限公司",
            "钟山城建置业有限公司",
            "石城房地产开发有限公司",
            "宁海置业有限公司",
            "江南华府房地产开发有限公司",
            "白鹭洲置业有限公司",
            "长干里城市建设有限公司",
            "紫峰地产开发有限公司",
            "秦淮河置业有限公司",
            "玄湖房地产开发有限公司",
            "燕子矶置业有限公司",
            "雨花台城建开发有限公司");

    private CityNames() {}

    /** {@code count} different project names; past the stems × endings a project gets a phase, 二期 and on. */
    static List<String> projectNames(Random random, int count) {
        List<String> combinations = new ArrayList<>();
        for (String stem : NAME_STEMS) {
            for (String ending : NAME_ENDINGS) {
                combinations.add(stem + ending);
            }
        }
        Collections.shuffle(combinations, random);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int phase = i / combinations.size();
            names.add(combinations.get(i % combinations.size()) + (phase == 0 ? "" : (phase + 1) + "期"));
        }
        return names;
    }

    static String developer(Random random) {
        return DEVELOPERS.get(random.nextInt(DEVELOPERS.size()));
    }

    static String road(Random random) {
        return ROADS.get(random.nextInt(ROADS.size()));
    }
}
