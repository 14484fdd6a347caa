package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.OTHER_COMPANY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service-account aggregate's rules: creation fields (docs/design.md §3) and GrantPermission. */
class ServiceAccountTests {

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    @Test
    void createWhenCustomThenCreatedWithNoPermissions() {
        fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().named("  ERP sync  ").command())
                .expectSuccessfulHandlerExecution()
                .expectEvents(TestServiceAccounts.custom().named("ERP sync").created())
                .expectState(account -> assertThat(account.rights().companyPermissions().any()).isFalse());
    }

    @Test
    void createWhenMarketplaceWithAppIdThenCreated() {
        fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.marketplace("app-42").command())
                .expectEvents(TestServiceAccounts.marketplace("app-42").created());
    }

    @Test
    void createWhenMarketplaceWithoutAppIdThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().appType(AppType.MARKETPLACE).command()), "marketplaceAppId");
    }

    @Test
    void createWhenCustomWithAppIdThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().marketplaceAppId("app-42").command()), "marketplaceAppId");
    }

    @Test
    void createWhenNameBlankThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestServiceAccounts.custom().named("   ").command()), "name");
    }

    @Test
    void createWhenNameMissingThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestServiceAccounts.custom().named(null).command()), "name");
    }

    @Test
    void createWhenNameLongerThan255ThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().named("x".repeat(256)).command()), "name");
    }

    @Test
    void createWhenNameExactly255ThenCreated() {
        fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().named("x".repeat(255)).command())
                .expectEvents(TestServiceAccounts.custom().named("x".repeat(255)).created());
    }

    @Test
    void createWhenAppTypeMissingThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestServiceAccounts.custom().appType(null).command()), "appType");
    }

    @Test
    void grantWhenLevelAboveNoneThenLevelSet() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.STANDARD))
                .expectEvents(new CompanyPermissionGrantedEvent(ID, COMPANY, CompanyTool.DOCUMENTS,
                        PermissionLevel.STANDARD, PermissionLevel.NONE))
                .expectState(account -> assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS))
                        .isEqualTo(PermissionLevel.STANDARD));
    }

    @Test
    void grantWhenLevelChangedThenPreviousLevelRecorded() {
        fixture.given(TestServiceAccounts.custom().created(),
                        new CompanyPermissionGrantedEvent(ID, COMPANY, CompanyTool.ADMIN, PermissionLevel.READ_ONLY,
                                PermissionLevel.NONE))
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.ADMIN, PermissionLevel.ADMIN))
                .expectEvents(new CompanyPermissionGrantedEvent(ID, COMPANY, CompanyTool.ADMIN,
                        PermissionLevel.ADMIN, PermissionLevel.READ_ONLY));
    }

    @Test
    void grantWhenNoneThenRevoked() {
        fixture.given(TestServiceAccounts.custom().created(),
                        new CompanyPermissionGrantedEvent(ID, COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.ADMIN,
                                PermissionLevel.NONE))
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.NONE))
                .expectEvents(new CompanyPermissionRevokedEvent(ID, COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .expectState(account -> assertThat(account.rights().companyPermissions().any()).isFalse());
    }

    @Test
    void grantWhenLevelUnchangedThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.NONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void grantWhenToolUnknownThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.custom().created())
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, null, PermissionLevel.ADMIN)), "tool");
    }

    @Test
    void grantWhenLevelMissingThenRejected() {
        expectInvalid(fixture.given(TestServiceAccounts.custom().created())
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.DOCUMENTS, null)), "level");
    }

    @Test
    void grantWhenAccountOfAnotherCompanyThenNotFound() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new GrantCompanyPermissionCommand(ID, OTHER_COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND, null));
    }

    @Test
    void rightsWhenDirectoryAdminThenAdminOnEveryTool() {
        fixture.given(TestServiceAccounts.custom().created(),
                        new CompanyPermissionGrantedEvent(ID, COMPANY, CompanyTool.DIRECTORY, PermissionLevel.ADMIN,
                                PermissionLevel.NONE))
                .when(new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.REPORTS, PermissionLevel.READ_ONLY))
                .expectState(account -> assertThat(account.rights().effectiveLevel(CompanyTool.ADMIN))
                        .isEqualTo(PermissionLevel.ADMIN));
    }

    private static void expectInvalid(ResultValidator<ServiceAccount> result, String field) {
        result.expectNoEvents().expectException(domainError(ErrorCode.INVALID_FIELD, field));
    }
}
