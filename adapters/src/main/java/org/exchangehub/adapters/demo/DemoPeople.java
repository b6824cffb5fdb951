package org.exchangehub.adapters.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Makes CLEARLY FAKE personal data for the demo: common Chinese names, identity numbers of the region 99xxxx that does
 * not exist (with a correct GB 11643 check character, so the hub's checks pass), phones 1390000xxxx, and company credit
 * codes of the region 990000. None of it belongs to a real person or company.
 */
public final class DemoPeople {

    /** A fake natural person: 姓名, 居民身份证号 and 手机号. */
    public record FakePerson(String name, String idNumber, String phone) {}

    /** No region code starts with 99: every identity number made here is recognisably fake. */
    static final String FAKE_REGION_PREFIX = "99";

    static final String FAKE_PHONE_PREFIX = "1390000";

    /** The region part of a fake unified social credit code; no such region code exists. */
    static final String FAKE_CREDIT_REGION = "990000";

    private static final List<String> SURNAMES = List.of(
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑",
            "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹");
    private static final List<String> MALE_GIVEN_NAMES = List.of(
            "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "浩", "鹏", "志强", "建华", "建国", "俊杰", "子轩", "宇航", "晓东", "文博",
            "家豪", "国庆", "海峰", "振宇");
    private static final List<String> FEMALE_GIVEN_NAMES = List.of(
            "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "琳", "颖", "秀英", "桂英", "玉兰", "欣怡", "梓涵", "雨萱", "晓燕", "慧敏",
            "佳琪", "思雨", "丽华", "春梅");

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARACTERS = "10X98765432";

    private static final String CREDIT_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Random random;

    /** Draws from the given random, so a seeded random gives the same people. */
    public DemoPeople(Random random) {
        this.random = random;
    }

    /** A fake adult, 20 to 70 years old on {@code today}. */
    public FakePerson person(LocalDate today) {
        boolean male = random.nextBoolean();
        String name = pick(SURNAMES) + pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
        LocalDate birthDate = today.minusYears(20).minusDays(random.nextInt(50 * 365));
        // The 17th character is odd for a man and even for a woman, as on a real card.
        int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
        String body = FAKE_REGION_PREFIX
                + String.format("%04d", 101 + random.nextInt(9_800))
                + birthDate.format(BIRTH_DATE)
                + String.format("%03d", sequence);
        String phone = FAKE_PHONE_PREFIX + String.format("%04d", random.nextInt(10_000));
        return new FakePerson(name, body + idCheckCharacter(body), phone);
    }

    /**
     * A fake unified social credit code (GB 32100) for a company: always the same for the same name, of the region
     * 990000, with correct check characters.
     */
    public static String creditCode(String companyName) {
        String organization = String.format("%08d", Math.floorMod(companyName.hashCode(), 100_000_000));
        organization += organizationCheckCharacter(organization);
        // 9: registered by the market regulator, 1: an enterprise.
        String body = "91" + FAKE_CREDIT_REGION + organization;
        return body + creditCheckCharacter(body);
    }

    /** The GB 11643 check character of the first 17 digits of an identity number. */
    static char idCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(first17.charAt(i), 10) * ID_WEIGHTS[i];
        }
        return ID_CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** The GB 32100 check character of the first 17 characters of a unified social credit code. */
    static char creditCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CHARACTERS.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        return CREDIT_CHARACTERS.charAt((31 - sum % 31) % 31);
    }

    /** The GB 11714 check character of an 8-digit organization code body. */
    private static char organizationCheckCharacter(String digits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(digits.charAt(i), 10) * ORGANIZATION_WEIGHTS[i];
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : Character.forDigit(check, 10);
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
