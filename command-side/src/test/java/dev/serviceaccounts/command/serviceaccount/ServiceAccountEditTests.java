package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.EditServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EditServiceAccount: a null field is left unchanged, CUSTOM clears the marketplace app id, and the result
 * must satisfy the creation rules (docs/design.md §3); an edit that changes nothing records nothing.
 */
class ServiceAccountEditTests {

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    @Test
    void editWhenNameGivenThenRenamedTrimmed() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, "  Payroll export  ", null, null))
                .expectEvents(new ServiceAccountEditedEvent(ID, COMPANY, "Payroll export", AppType.CUSTOM, null));
    }

    @Test
    void editWhenMarketplaceRenamedThenAppIdKept() {
        fixture.given(TestServiceAccounts.marketplace("app-42").created())
                .when(new EditServiceAccountCommand(ID, COMPANY, "Payroll export", null, null))
                .expectEvents(new ServiceAccountEditedEvent(ID, COMPANY, "Payroll export", AppType.MARKETPLACE,
                        "app-42"));
    }

    @Test
    void editWhenCustomToMarketplaceWithAppIdThenEdited() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, AppType.MARKETPLACE, " app-42 "))
                .expectEvents(new ServiceAccountEditedEvent(ID, COMPANY, "ERP sync", AppType.MARKETPLACE, "app-42"));
    }

    @Test
    void editWhenCustomToMarketplaceWithoutAppIdThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, AppType.MARKETPLACE, null)), "marketplaceAppId");
    }

    @Test
    void editWhenMarketplaceToCustomThenAppIdCleared() {
        fixture.given(TestServiceAccounts.marketplace("app-42").created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, AppType.CUSTOM, null))
                .expectEvents(new ServiceAccountEditedEvent(ID, COMPANY, "ERP sync", AppType.CUSTOM, null));
    }

    @Test
    void editWhenMarketplaceToCustomWithAppIdThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.marketplace("app-42").created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, AppType.CUSTOM, "app-42")), "marketplaceAppId");
    }

    @Test
    void editWhenMarketplaceAppIdChangedThenEdited() {
        fixture.given(TestServiceAccounts.marketplace("app-42").created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, null, "app-43"))
                .expectEvents(new ServiceAccountEditedEvent(ID, COMPANY, "ERP sync", AppType.MARKETPLACE, "app-43"));
    }

    @Test
    void editWhenCustomGivenAppIdThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, null, "app-42")), "marketplaceAppId");
    }

    @Test
    void editWhenNameBlankThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, "   ", null, null)), "name");
    }

    @Test
    void editWhenNameLongerThan255ThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, "x".repeat(256), null, null)), "name");
    }

    @Test
    void editWhenNoFieldGivenThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new EditServiceAccountCommand(ID, COMPANY, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void editWhenValuesUnchangedThenNoEvent() {
        fixture.given(TestServiceAccounts.marketplace("app-42").created())
                .when(new EditServiceAccountCommand(ID, COMPANY, " ERP sync ", AppType.MARKETPLACE, "app-42"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void editWhenSameAsLastEditThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created(),
                        new ServiceAccountEditedEvent(ID, COMPANY, "Payroll export", AppType.CUSTOM, null))
                .when(new EditServiceAccountCommand(ID, COMPANY, "Payroll export", AppType.CUSTOM, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static void expectInvalid(ResultValidator<ServiceAccount> result, String field) {
        result.expectNoEvents().expectException(domainError(ErrorCode.INVALID_FIELD, field));
    }
}
