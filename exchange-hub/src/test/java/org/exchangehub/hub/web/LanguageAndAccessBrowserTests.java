package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Chinese first, English on request and remembered, on every page; the pages are usable by keyboard (a skip link,
 * then the navigation) and pass the browser checks (console, labels, contrast) in both languages.
 */
class LanguageAndAccessBrowserTests extends BrowserTestBase {

    @Test
    void pagesAreChineseFirstAndTheEnglishSwitchIsRememberedUntilSwitchedBack() {
        Browser browser = browser().open("/");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("房屋交易数据交换中心");

        browser.click(By.id("lang-en"));
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Housing Records Exchange Hub");
        assertThat(browser.find(By.id("lang-en")).getAttribute("aria-current")).isEqualTo("true");

        browser.click(By.id("home-listings"));
        assertThat(browser.url()).doesNotContain("lang=");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Public listings");
        browser.open("/verify");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Verify");
        assertThat(browser.find(By.cssSelector("label[for='record']")).getText())
                .isEqualTo("Record (JSON)");
        browser.open("/login");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Operator login");

        browser.click(By.id("lang-zh"));
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("运维人员登录");
        browser.open("/listings?lang=fr");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    }

    @Test
    void aVerdictPageSwitchesLanguageOnTheSameReceipt() {
        String code = unique("WL-");
        publish("UNIT", code, unit(code, "WB-L", "WP-L", 2, "201", "AVAILABLE", 800_000));
        anchor();
        String receiptId = stored("UNIT", code, 1).receiptId();

        Browser browser = browser().open("/verify/" + receiptId);
        assertThat(browser.text(By.cssSelector("#verdict .word"))).contains("真实有效");
        browser.click(By.id("lang-en"));
        assertThat(browser.url()).contains("/verify/" + receiptId);
        assertThat(browser.text(By.cssSelector("#verdict .word"))).contains("Genuine");
        assertThat(browser.text(By.id("checks"))).contains("is the root the ledger holds");
        browser.open("/receipts/" + receiptId);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Notarization receipt");
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirstAndThenTheNavigation() {
        Browser browser = browser().open("/listings");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getAttribute("class")).isEqualTo("skip");
        assertThat(focused.getAttribute("href")).endsWith("#main");

        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class"))
                .isEqualTo("brand");

        browser.find(By.id("district")).sendKeys("不存在的区" + Keys.ENTER);
        browser.waitForUrl(url -> url.contains("district="));
        assertThat(browser.text(By.id("results-heading"))).isEqualTo("共 0 个楼盘");
    }
}
