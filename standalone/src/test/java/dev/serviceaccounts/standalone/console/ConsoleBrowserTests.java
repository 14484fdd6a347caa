package dev.serviceaccounts.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in headless Chromium against the whole system (docs/decisions.md D49): an admin signs in, creates
 * an account, reads its credentials from the dialog once and gets a token with them; the secret is gone from the
 * page and the browser's storage once the dialog is closed; a permission change shows in the list; creation works by
 * keyboard alone; a directory change that breaks an account is explained (the API's 409) and sent again only when
 * acknowledged; the banner of a broken account undoes it; the account's actions ask first; a Marketplace account
 * names an app the operator registered, chosen from the dropdown. Tagged {@code browser}:
 * run with {@code -Pslow -Dgroups='slow | browser'} (as {@code .ci/run} does). Writes the screenshots of the main
 * pages ({@link ConsoleBrowser#screenshot}).
 */
@Tag("browser")
class ConsoleBrowserTests {

    private static ConsoleBrowser browser;

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @BeforeEach
    void setUp() {
        if (browser == null) {
            browser = ConsoleBrowser.start();
        }
        browser.open(system.queryUrl());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void whenTheOperatorCreatesACompanyAndAnAccountThenTheDialogsCredentialsGetAToken() {
        browser.screenshot("01-sign-in");
        browser.signIn(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET);
        String companyName = "Acme Construction " + UUID.randomUUID().toString().substring(0, 8);
        browser.type(By.id("company-name-input"), companyName);
        browser.screenshot("02-companies");
        browser.click(By.cssSelector("#new-company-form button[type=submit]"));
        browser.awaitText(By.id("company-name"), companyName);
        browser.find(By.id("accounts-empty"));

        browser.click(By.id("new-account"));
        browser.find(By.id("new-account-dialog"));
        browser.type(By.id("new-account-name"), "ERP sync");
        browser.screenshot("04-new-service-account");
        browser.click(By.id("new-account-create"));
        String clientId = browser.find(By.id("secret-client-id")).getText();
        String secret = browser.find(By.id("secret-client-secret")).getText();
        assertThat(browser.find(By.id("secret-dialog")).getText()).contains("will not be shown again");
        assertThat(browser.find(By.id("secret-token-endpoint")).getText())
                .contains("grant_type=client_credentials").contains(system.queryUrl() + "/oauth/token");
        browser.screenshot("05-client-secret");
        browser.click(By.id("secret-done"));
        browser.find(By.id("permissions-matrix"));
        browser.await(ExpectedConditions.numberOfElementsToBe(By.tagName("dialog"), 0));

        assertThat(secret).hasSizeGreaterThan(20);
        assertThat(browser.driver().getPageSource()).contains(clientId).doesNotContain(secret);
        assertThat(browser.storage()).doesNotContain(secret);

        browser.click(By.id("perm-DOCUMENTS-READ_ONLY"));
        browser.awaitText(By.id("account-usable"), "Yes");
        browser.screenshot("06-service-account");
        HttpResponse<String> token = api.tokenForm(Api.formBody("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(Api.json(token).get("scope").asText()).isEqualTo("documents:read-only");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);

        browser.click(By.linkText("Service Accounts"));
        browser.awaitText(By.id("accounts-table"), "ERP sync");
        browser.screenshot("03-service-accounts");
    }

    @Test
    void whenTheOperatorRegistersAnAppThenAMarketplaceAccountIsCreatedWithItFromTheDropdown() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String appId = "erp-connector-" + suffix;
        String appName = "ERP Connector " + suffix;
        browser.signIn(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET);
        browser.click(By.linkText("Marketplace apps"));
        browser.type(By.id("app-id"), appId);
        browser.type(By.id("app-name"), appName);
        browser.click(By.cssSelector("#new-app-form button[type=submit]"));
        browser.awaitText(By.id("apps-table"), appName);

        browser.click(By.linkText("Companies"));
        String companyName = "Marketplace Co " + suffix;
        browser.type(By.id("company-name-input"), companyName);
        browser.click(By.cssSelector("#new-company-form button[type=submit]"));
        browser.awaitText(By.id("company-name"), companyName);
        browser.click(By.id("new-account"));
        browser.click(By.id("app-type-marketplace"));
        browser.type(By.id("new-account-name"), "Connector");
        browser.click(By.id("new-account-create"));
        browser.awaitText(By.cssSelector("[data-error-for=marketplaceAppId]"), "Choose the marketplace app");
        new Select(browser.find(By.id("marketplace-app"))).selectByVisibleText(appName);
        browser.screenshot("09-new-marketplace-account");
        browser.click(By.id("new-account-create"));
        String clientId = browser.find(By.id("secret-client-id")).getText();
        String secret = browser.find(By.id("secret-client-secret")).getText();
        browser.click(By.id("secret-done"));

        browser.awaitText(By.id("page-title"), "Connector");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Marketplace: " + appName);
        String companyId = browser.driver().getCurrentUrl().replaceFirst(".*#/c/([^/]+)/.*", "$1");
        JsonNode created = api.awaitQuery(api.operatorToken(), "/api/v1/companies/" + companyId
                + "/service-accounts?namePrefix=Connector", page -> page.get("items").size() == 1, Duration.ofSeconds(5));
        assertThat(created.at("/items/0/appType").asText()).isEqualTo("MARKETPLACE");
        assertThat(created.at("/items/0/marketplaceAppId").asText()).isEqualTo(appId);
        assertThat(created.at("/items/0/clientId").asText()).isEqualTo(clientId);
        assertThat(api.tokenBasic(clientId, secret).statusCode()).isEqualTo(200);
    }

    @Test
    void whenTheAdminSignsOutThenTheTokenIsForgottenAndNothingWasStored() {
        TestCompany company = api.company("Console sign out " + UUID.randomUUID());
        JsonNode admin = company.account("sign-out admin", "ADMIN", "READ_ONLY");
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.awaitText(By.id("who"), admin.get("clientId").asText());
        assertThat(browser.storage()).isBlank();

        browser.click(By.id("sign-out"));

        browser.awaitText(By.id("signin-message"), "signed out");
        browser.driver().navigate().back();
        browser.find(By.id("signin-client-id"));
        assertThat(browser.storage()).isBlank();
        assertThat(browser.driver().getPageSource()).doesNotContain(admin.get("clientSecret").asText());
    }

    @Test
    void whenTheSecretIsWrongThenTheSignInSaysSoNextToTheForm() {
        browser.type(By.id("signin-client-id"), "nobody");
        browser.find(By.id("signin-client-secret")).sendKeys("wrong", Keys.ENTER);

        browser.awaitText(By.cssSelector("#signin-form .form-error"), "client ID or the client secret is wrong");
        assertThat(browser.driver().findElements(By.id("sign-out")).get(0).isDisplayed()).isFalse();
    }

    @Test
    void whenAPermissionIsChangedOnTheAccountPageThenTheListShowsIt() {
        TestCompany company = api.company("Console permissions " + UUID.randomUUID());
        JsonNode admin = company.account("console admin", "DIRECTORY", "ADMIN");
        JsonNode target = company.account("Scheduler");
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.click(By.linkText("Scheduler"));
        browser.find(By.id("permissions-matrix"));

        browser.click(By.id("perm-SCHEDULE-STANDARD"));
        browser.awaitText(By.id("account-usable"), "Yes");
        browser.click(By.linkText("Service Accounts"));

        browser.awaitText(By.cssSelector("tr[data-account-id='" + target.get("id").asText() + "'] .permissions"),
                "Schedule: Standard");
        assertThat(company.view(target).at("/permissions/SCHEDULE").asText()).isEqualTo("STANDARD");
    }

    @Test
    void whenArrowKeysWalkAToolFromNoneToAdminThenOnlyAdminIsGranted() {
        TestCompany company = api.company("Console arrows " + UUID.randomUUID());
        JsonNode admin = company.account("arrows admin", "DIRECTORY", "ADMIN");
        JsonNode target = company.account("Walker");
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.click(By.linkText("Walker"));
        browser.find(By.id("permissions-matrix"));

        browser.tabTo("perm-REPORTS-NONE");
        browser.keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        browser.awaitText(By.id("account-usable"), "Yes");

        assertThat(company.view(target).at("/permissions/REPORTS").asText()).isEqualTo("ADMIN");
        JsonNode history = api.awaitQuery(company.operator(), "/api/v1" + company.path(target) + "/history",
                page -> page.get("items").size() >= 2, Duration.ofSeconds(5));
        List<String> grants = new ArrayList<>();
        history.get("items").forEach(item -> {
            if (item.get("type").asText().equals("CompanyPermissionGrantedEvent")) {
                grants.add(item.at("/payload/level").asText());
            }
        });
        assertThat(grants).containsExactly("ADMIN");
    }

    @Test
    void whenTheListIsFilteredAndPagedThenItShowsTheMatchingAccountsPageByPage() {
        TestCompany company = api.company("Console paging " + UUID.randomUUID());
        JsonNode admin = company.account("paging admin", "ADMIN", "ADMIN");
        for (int i = 1; i <= 22; i++) {
            company.account(String.format("Batch %02d", i));
        }
        company.account("Billing export", "REPORTS", "READ_ONLY");
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.find(By.id("accounts-table"));

        browser.type(By.id("filter-namePrefix"), "Batch");
        browser.click(By.cssSelector("#filters button[type=submit]"));
        awaitNames(names -> names.size() == 20 && names.stream().allMatch(name -> name.startsWith("Batch ")));
        browser.click(By.id("next-page"));
        awaitNames(names -> names.equals(List.of("Batch 21", "Batch 22")));

        browser.type(By.id("filter-namePrefix"), "B");
        new Select(browser.find(By.id("filter-usable"))).selectByValue("true");
        browser.click(By.cssSelector("#filters button[type=submit]"));
        awaitNames(names -> names.equals(List.of("Billing export")));
    }

    /** Waits until the names in the list's rows satisfy {@code condition}. */
    private void awaitNames(Predicate<List<String>> condition) {
        browser.await(d -> condition.test(browser.texts(By.cssSelector("#accounts-table tbody tr td:first-child"))));
    }

    @Test
    void whenAnAdminUsesTheKeyboardOnlyThenItCreatesAnAccountAndReadsItsCredentials() {
        TestCompany company = api.company("Console keyboard " + UUID.randomUUID());
        JsonNode admin = company.account("keyboard admin", "ADMIN", "ADMIN");
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.find(By.id("new-account"));

        browser.tabTo("new-account");
        browser.keys(Keys.ENTER);
        browser.find(By.id("new-account-dialog"));
        assertThat(browser.focusedId()).isEqualTo("app-type-custom");
        browser.tabTo("new-account-name");
        browser.keys("Keyboard sync");
        browser.keys(Keys.ENTER);
        String clientId = browser.find(By.id("secret-client-id")).getText();
        String secret = browser.find(By.id("secret-client-secret")).getText();
        browser.tabTo("secret-done");
        browser.keys(Keys.SPACE);
        browser.await(ExpectedConditions.numberOfElementsToBe(By.tagName("dialog"), 0));

        JsonNode created = api.awaitQuery(company.operator(), "/api/v1/companies/" + company.id()
                        + "/service-accounts?namePrefix=Keyboard%20sync", page -> page.get("items").size() == 1,
                Duration.ofSeconds(5));
        assertThat(created.at("/items/0/clientId").asText()).isEqualTo(clientId);
        assertThat(created.at("/items/0/appType").asText()).isEqualTo("CUSTOM");
        assertThat(api.tokenBasic(clientId, secret).statusCode()).isEqualTo(200);
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    }

    @Test
    void whenAContactChangeBreaksAnAccountThenTheConsoleExplainsItAndSendsItOnlyAcknowledged() {
        TestCompany company = api.company("Console directory " + UUID.randomUUID());
        JsonNode admin = company.account("directory admin", "DIRECTORY", "ADMIN");
        JsonNode target = company.account("ERP export", "DOCUMENTS", "READ_ONLY");
        String contactId = target.at("/contact/id").asText();
        String email = "erp-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        String detail = Api.json(company.changeEmail(contactId, email)).get("detail").asText();
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.click(By.linkText("Directory"));

        String row = "tr[data-contact-id='" + contactId + "'] ";
        browser.click(By.cssSelector(row + "details summary"));
        browser.type(By.cssSelector(row + "input[name=email]"), email);
        browser.click(By.cssSelector(row + "button[type=submit]"));
        browser.awaitText(By.cssSelector(row + ".conflict"), detail);
        WebElement acknowledge = browser.find(By.cssSelector(row + "input[name=acknowledge]"));
        assertThat(browser.find(By.cssSelector(row + "label[for='" + acknowledge.getAttribute("id") + "']")).getText())
                .isEqualTo("I understand this breaks the account");
        assertThat(company.view(target).get("functional").asBoolean()).isTrue();
        browser.screenshot("07-directory-409");
        acknowledge.click();
        browser.click(By.cssSelector(row + "button[type=submit]"));

        JsonNode broken = company.awaitView(target, view -> !view.get("functional").asBoolean());
        assertThat(broken.get("reasons").toString()).contains("EMAIL_CHANGED");
        assertThat(Api.json(api.query(company.operator(), "/api/v1/companies/" + company.id()
                + "/directory/contacts/" + contactId)).get("email").asText()).isEqualTo(email);
        browser.awaitText(By.cssSelector(row + ".email"), email);

        browser.click(By.linkText("Service Accounts"));
        browser.click(By.linkText("ERP export"));
        browser.awaitText(By.id("not-functional-banner"), "email was changed");
        browser.screenshot("08-not-functional-banner");
        browser.click(By.id("undo-email"));
        assertThat(company.awaitView(target, view -> view.get("functional").asBoolean()).get("functional").asBoolean())
                .isTrue();
        browser.awaitText(By.id("account-functional"), "Yes");
        assertThat(browser.driver().findElements(By.id("not-functional-banner"))).isEmpty();
    }

    @Test
    void whenTheAccountsActionsAreConfirmedThenTheyAreSentAndACancelSendsNothing() {
        TestCompany company = api.company("Console actions " + UUID.randomUUID());
        JsonNode admin = company.account("actions admin", "DIRECTORY", "ADMIN");
        JsonNode target = company.account("Nightly import", "REPORTS", "STANDARD");
        browser.signIn(admin.get("clientId").asText(), admin.get("clientSecret").asText());
        browser.click(By.linkText("Nightly import"));

        browser.click(By.id("deactivate"));
        browser.click(By.id("confirm-no"));
        assertThat(company.view(target).get("status").asText()).isEqualTo("ACTIVE");
        browser.click(By.id("deactivate"));
        browser.click(By.id("confirm-yes"));
        browser.awaitText(By.id("account-status"), "Deactivated");
        browser.awaitText(By.id("not-functional-banner"), "deactivated");
        browser.click(By.id("undo-deactivate"));
        browser.awaitText(By.id("account-status"), "Active");

        browser.type(By.id("rotate-grace"), "1");
        browser.click(By.id("rotate-secret"));
        assertThat(browser.find(By.tagName("dialog")).getText()).contains("keeps working for 1 hours");
        browser.click(By.id("confirm-yes"));
        String rotated = browser.find(By.id("secret-client-secret")).getText();
        browser.click(By.id("secret-done"));
        assertThat(api.tokenBasic(target.get("clientId").asText(), rotated).statusCode()).isEqualTo(200);
        assertThat(api.tokenBasic(target.get("clientId").asText(), target.get("clientSecret").asText()).statusCode())
                .isEqualTo(200);

        browser.click(By.id("reset-secret"));
        assertThat(browser.find(By.tagName("dialog")).getText()).contains("removes ALL permissions and project memberships");
        browser.click(By.id("confirm-yes"));
        String secret = browser.find(By.id("secret-client-secret")).getText();
        browser.click(By.id("secret-done"));
        assertThat(company.awaitView(target, view -> view.get("permissions").isEmpty()).get("permissions").isEmpty())
                .isTrue();
        assertThat(api.tokenBasic(target.get("clientId").asText(), rotated).statusCode()).isEqualTo(401);
        assertThat(api.tokenBasic(target.get("clientId").asText(), secret).statusCode()).isEqualTo(200);

        browser.awaitText(By.id("history-table"), "Client Secret Reset");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.find(By.id("as-of")), java.time.LocalDateTime.now().minusSeconds(1).withNano(0).toString());
        browser.click(By.cssSelector("#as-of-form button[type=submit]"));
        browser.awaitText(By.id("as-of-result"), "Status");

        browser.click(By.id("delete-account"));
        browser.click(By.id("confirm-yes"));
        browser.find(By.id("accounts-table"));
        assertThat(company.awaitView(target, view -> view.get("status").asText().equals("DELETED")).get("status")
                .asText()).isEqualTo("DELETED");
    }
}
