package org.exchangehub.hub.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** A web test with one headless Chromium for the whole class, started on first use and closed after the class. */
abstract class BrowserTestBase extends WebTestBase {

    private static Browser browser;

    /** The class's browser, on the page it was left on; a new class starts a new browser with a fresh profile. */
    Browser browser() {
        if (browser == null) {
            browser = Browser.start(base());
        }
        return browser;
    }

    @BeforeEach
    void chineseFirst() {
        if (browser != null) {
            browser.deleteCookie("hub-lang");
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
