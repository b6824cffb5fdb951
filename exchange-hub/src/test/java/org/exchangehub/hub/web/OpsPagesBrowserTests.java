package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.exchangehub.hub.delivery.DeliveryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operators' pages behind the login: a wrong password is refused, the right one reaches the dashboard; a delivery
 * the tax bureau keeps refusing becomes a dead letter that is inspected and replayed from the page and then delivered
 * through the same route; the audit and ledger chain checks run from their pages.
 */
class OpsPagesBrowserTests extends BrowserTestBase {

    @Autowired
    DeliveryStore deliveries;

    @BeforeEach
    void loggedIn() {
        Browser browser = browser().open("/ops");
        if (browser.url().contains("/login")) {
            logIn(OPERATOR_PASSWORD);
        }
    }

    private void logIn(String password) {
        browser().type(By.id("username"), "operator").type(By.id("password"), password);
        browser().click(By.id("login-submit"));
    }

    @Test
    void onlyTheOperatorWithTheRightPasswordReachesTheDashboard() {
        browser().click(By.id("logout"));
        assertThat(browser().url()).doesNotContain("/ops");

        browser().open("/ops");
        assertThat(browser().url()).contains("/login");
        browser().type(By.id("username"), "operator").type(By.id("password"), "wrong-password");
        browser().click(By.id("login-submit"));
        assertThat(browser().url()).contains("/login?error");
        assertThat(browser().text(By.id("login-error"))).contains("用户名或密码不正确");
        assertThat(rest.getForEntity("/ops", String.class).getBody()).doesNotContain("运行看板");

        logIn(OPERATOR_PASSWORD);
        assertThat(browser().url()).matches(".*/ops(\\?continue)?");
        assertThat(browser().text(By.tagName("h1"))).isEqualTo("运行看板");
        assertThat(browser().text(By.cssSelector("header.site form.logout"))).contains("operator");
    }

    @Test
    void theDashboardShowsThroughputPendingBatchesLedgerAndDeliveries() {
        String code = unique("WD-");
        publish("UNIT", code, unit(code, "WB-D", "WP-D", 1, "101", "AVAILABLE", 500_000));
        browser().open("/ops");
        assertThat(Long.parseLong(browser().text(By.id("pending-leaves")))).isPositive();
        anchorAndList();

        browser().open("/ops");
        assertThat(browser().text(By.id("pending-leaves"))).isEqualTo("0");
        assertThat(browser().text(By.id("ledger-health"))).isEqualTo("正常");
        assertThat(browser()
                        .find(By.cssSelector("#throughput-chart polyline.accepted"))
                        .getAttribute("points"))
                .isNotBlank();
        assertThat(browser().all(By.cssSelector("#batches tbody tr"))).isNotEmpty();
        WebElement portal = browser().find(By.cssSelector("#deliveries tr[data-receiver='portal']"));
        assertThat(Long.parseLong(
                        portal.findElement(By.cssSelector("td.delivered")).getText()))
                .isPositive();
        browser().screenshot("dashboard");

        browser().click(By.cssSelector("#batches tbody tr a"));
        assertThat(browser().find(By.id("batch-roots")).getAttribute("class")).isEqualTo("notice");
    }

    @Test
    void aDeadLetterIsInspectedAndReplayedFromThePageThenDelivered() {
        String contractNo = unique("WDL-");
        tax.failing.add(contractNo);
        publish("CONTRACT", contractNo, contract(contractNo, unique("WDU-"), "SIGNED"));
        anchor();
        dispatcher.dispatch("tax");
        dispatcher.dispatch("tax");
        DeliveryStore.DeadLetter letter = deliveries.deadLetters(java.util.Optional.of("tax"), 1000).stream()
                .filter(l -> l.recordId().equals(contractNo))
                .findFirst()
                .orElseThrow();

        browser().open("/ops/dead-letters?receiver=tax");
        assertThat(browser()
                        .find(By.cssSelector("#dead-letters tr[data-delivery='" + letter.deliveryId() + "']"))
                        .getText())
                .contains(contractNo)
                .contains("503");
        browser().click(By.linkText(letter.deliveryId()));
        assertThat(browser().text(By.id("dead-letter-error"))).contains("tax bureau answered 503");

        tax.failing.remove(contractNo);
        browser().click(By.id("replay-this"));
        assertThat(browser().text(By.id("replayed"))).contains(letter.deliveryId());
        assertThat(browser().all(By.cssSelector("#dead-letters tr[data-delivery='" + letter.deliveryId() + "']")))
                .isEmpty();
        dispatcher.dispatch("tax");
        assertThat(deliveries.delivery(letter.deliveryId()).orElseThrow().state())
                .isEqualTo("DELIVERED");
        assertThat(tax.received).contains(letter.deliveryId());

        browser().open("/ops/audit?recordId=" + contractNo);
        assertThat(browser().text(By.id("audit-entries")))
                .contains("DEAD_LETTER_REPLAY")
                .contains("OPERATOR operator");
    }

    @Test
    void replayingAllOfAReceiverPutsEveryOneOfItsDeadLettersBack() {
        List<String> contracts = List.of(unique("WDA-"), unique("WDA-"));
        contracts.forEach(no -> {
            tax.failing.add(no);
            publish("CONTRACT", no, contract(no, unique("WDU-"), "SIGNED"));
        });
        anchor();
        dispatcher.dispatch("tax");
        dispatcher.dispatch("tax");
        assertThat(deliveries.deadLetters(java.util.Optional.of("tax"), 1000))
                .extracting(DeliveryStore.DeadLetter::recordId)
                .contains(contracts.get(0), contracts.get(1));
        tax.failing.removeAll(contracts);

        browser().open("/ops/dead-letters");
        new org.openqa.selenium.support.ui.Select(browser().find(By.id("replay-receiver"))).selectByValue("tax");
        browser().click(By.id("replay-all"));

        assertThat(browser().text(By.id("replayed"))).contains("d-tax-");
        dispatcher.dispatch("tax");
        assertThat(deliveries.deadLetters(java.util.Optional.of("tax"), 1000))
                .extracting(DeliveryStore.DeadLetter::recordId)
                .doesNotContain(contracts.get(0), contracts.get(1));
    }

    @Test
    void theAuditAndLedgerChainChecksRunFromTheirPages() {
        String code = unique("WA-");
        publish("UNIT", code, unit(code, "WB-A", "WP-A", 1, "101", "AVAILABLE", 500_000));
        anchor();

        browser().open("/ops/audit").type(By.id("recordId"), code).click(By.id("audit-search-submit"));
        assertThat(browser().all(By.cssSelector("#audit-entries tbody tr"))).isNotEmpty();
        assertThat(browser().text(By.id("audit-entries"))).contains("PUBLISH").contains(code);
        browser().click(By.id("run-audit-check"));
        assertThat(browser().find(By.id("audit-check-result")).getAttribute("data-intact"))
                .isEqualTo("true");

        browser().open("/ops/ledger").click(By.id("run-chain-check"));
        assertThat(browser().find(By.id("chain-check-result")).getAttribute("data-intact"))
                .isEqualTo("true");
        assertThat(browser().all(By.cssSelector("#ledger-batches tbody tr"))).isNotEmpty();
    }
}
