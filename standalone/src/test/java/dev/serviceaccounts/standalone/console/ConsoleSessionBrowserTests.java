package dev.serviceaccounts.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.TestSystem;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An expired access token sends the admin back to the sign-in page with a message saying so (docs/decisions.md D49):
 * a system of its own whose tokens live 4 seconds. Tagged {@code browser}, as {@link ConsoleBrowserTests}.
 */
@Tag("browser")
class ConsoleSessionBrowserTests {

    private TestSystem system;
    private ConsoleBrowser browser;

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void whenTheTokenExpiresThenTheAdminIsSentBackToSignInWithAMessage() throws InterruptedException {
        browser = ConsoleBrowser.start();
        system = TestSystem.start(TestSystem.newDataDirectory(), Map.of("service-accounts.token-ttl", "4s"));
        browser.open(system.queryUrl());
        browser.signIn(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET);
        browser.find(By.id("new-company-form"));

        Thread.sleep(4_500);

        browser.awaitText(By.id("signin-message"), "Your session has expired");
        assertThat(browser.find(By.id("signin-client-id")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("top")).isDisplayed()).isFalse();
    }
}
