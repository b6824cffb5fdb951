package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * 楼盘公示 and 房屋销控 as a citizen uses them: search a district, open the project, open the building, read the grid;
 * each unit's colour and text match the records the housing bureau published, a cancelled contract puts its unit back
 * on sale, and each version in a unit's history verifies.
 */
class ListingPagesBrowserTests extends BrowserTestBase {

    @Test
    void searchProjectBuildingGridFollowsTheRecordsAndACancelledContractFreesItsUnit() {
        String suffix = unique("L");
        String projectId = "WP-" + suffix;
        String buildingId = "WB-" + suffix;
        String district = "测试" + suffix + "区";
        publish("PROJECT", projectId, project(projectId, "江岸雅苑" + suffix, district, "示例置业有限公司"));
        publish("BUILDING", buildingId, building(buildingId, projectId, 8, 32));
        Map<String, String> own =
                Map.of("102", "NOT_FOR_SALE", "501", "RESERVED", "803", "REGISTERED", "804", "REGISTERED");
        Map<String, String> expected = new LinkedHashMap<>();
        for (int floor = 1; floor <= 8; floor++) {
            for (int position = 1; position <= 4; position++) {
                String room = floor + "0" + position;
                String code = "WU-" + suffix + "-" + room;
                String status = own.getOrDefault(room, "AVAILABLE");
                publish("UNIT", code, unit(code, buildingId, projectId, floor, room, status, 1_000_000 + floor * 1000));
                expected.put(code, status);
            }
        }
        String signed = "WU-" + suffix + "-201";
        String filed = "WU-" + suffix + "-301";
        String alsoSigned = "WU-" + suffix + "-402";
        String alsoFiled = "WU-" + suffix + "-603";
        publish("CONTRACT", "WHT-" + suffix + "-1", contract("WHT-" + suffix + "-1", signed, "SIGNED"));
        publish("CONTRACT", "WHT-" + suffix + "-2", contract("WHT-" + suffix + "-2", filed, "SIGNED"));
        publish("FILING", "WBA-" + suffix + "-2", filing("WBA-" + suffix + "-2", "WHT-" + suffix + "-2", filed));
        publish("CONTRACT", "WHT-" + suffix + "-3", contract("WHT-" + suffix + "-3", alsoSigned, "SIGNED"));
        publish("CONTRACT", "WHT-" + suffix + "-4", contract("WHT-" + suffix + "-4", alsoFiled, "SIGNED"));
        publish("FILING", "WBA-" + suffix + "-4", filing("WBA-" + suffix + "-4", "WHT-" + suffix + "-4", alsoFiled));
        expected.put(signed, "SIGNED");
        expected.put(filed, "FILED");
        expected.put(alsoSigned, "SIGNED");
        expected.put(alsoFiled, "FILED");
        anchorAndList();

        Browser browser =
                browser().open("/listings").type(By.id("district"), district).click(By.id("search-submit"));
        List<WebElement> projects = browser.all(By.cssSelector("#projects a.project-link"));
        assertThat(projects).extracting(WebElement::getText).containsExactly("江岸雅苑" + suffix);
        browser.click(By.cssSelector("#projects a.project-link"));
        assertThat(browser.text(By.id("project-name"))).isEqualTo("江岸雅苑" + suffix);
        browser.click(By.cssSelector("#buildings a.building-link"));

        assertThat(gridStatuses()).isEqualTo(expected);
        assertThat(browser.all(By.cssSelector("#sale-grid tr"))).hasSize(8);
        assertThat(browser.find(By.cssSelector("#sale-grid tr")).getAttribute("data-floor"))
                .isEqualTo("8");
        WebElement signedCell = browser.find(By.id("unit-" + signed));
        assertThat(signedCell.getAttribute("class")).contains("s-signed");
        assertThat(signedCell.getText()).contains("201").contains("已签");
        assertThat(signedCell.getAttribute("title"))
                .contains("89.50 m²")
                .contains("¥1,002,000.00")
                .contains("已网签");
        assertThat(browser.find(By.id("unit-" + filed)).getAttribute("class")).contains("s-filed");
        for (String status : List.of("AVAILABLE", "RESERVED", "SIGNED", "FILED", "REGISTERED", "NOT_FOR_SALE")) {
            long count = expected.values().stream().filter(status::equals).count();
            assertThat(browser.find(By.cssSelector("#legend li[data-status='" + status + "'] .count"))
                            .getText())
                    .as(status)
                    .isEqualTo(String.valueOf(count));
        }
        browser.screenshot("building-grid");

        publish("CONTRACT", "WHT-" + suffix + "-1", contract("WHT-" + suffix + "-1", signed, "CANCELLED"));
        anchorAndList();
        browser.open("/listings/buildings/" + buildingId);
        expected.put(signed, "AVAILABLE");
        assertThat(gridStatuses()).isEqualTo(expected);
        assertThat(browser.find(By.id("unit-" + signed)).getAttribute("class")).contains("s-available");

        browser.click(By.id("unit-" + signed));
        assertThat(browser.find(By.id("unit-status")).getAttribute("data-status"))
                .isEqualTo("AVAILABLE");
        List<WebElement> history = browser.all(By.cssSelector("#history tbody tr"));
        assertThat(history)
                .extracting(row -> row.getAttribute("data-type") + " v" + row.getAttribute("data-version"))
                .containsExactlyInAnyOrder("UNIT v1", "CONTRACT v1", "CONTRACT v2");
        assertThat(browser.text(By.id("history"))).doesNotContain("张测试").doesNotContain("2350000");

        browser.click(By.cssSelector("#history tr[data-type='CONTRACT'][data-version='1'] a.verify-link"));
        assertThat(browser.find(By.id("verdict")).getAttribute("data-verdict")).isEqualTo("REVOKED");
        browser.open("/listings/units/" + signed)
                .click(By.cssSelector("#history tr[data-type='UNIT'][data-version='1'] a.verify-link"));
        assertThat(browser.find(By.id("verdict")).getAttribute("data-verdict")).isEqualTo("GENUINE");
    }

    @Test
    void anUnknownBuildingIsANotFoundPage() {
        browser().openExpectingError("/listings/buildings/WB-NOPE");
        assertThat(browser().text(By.id("error-title"))).contains("404").contains("未找到");
        assertThat(rest.getForEntity("/listings/buildings/WB-NOPE", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    private Map<String, String> gridStatuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (WebElement cell : browser().all(By.cssSelector("#sale-grid a.unit"))) {
            statuses.put(cell.getAttribute("id").substring("unit-".length()), cell.getAttribute("data-status"));
        }
        return statuses;
    }
}
