package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CONTACT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CREATED_AT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.OTHER_COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.granted;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.permission.RemoveProjectMembershipCommand;
import dev.serviceaccounts.api.permission.SetProjectMembershipCommand;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.DeactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.EditServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ReactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountReactivatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deactivate, reactivate and delete. A deactivated account is not functional; DELETED is terminal: it
 * accepts no further command (docs/design.md §3 invariant 7).
 */
class ServiceAccountLifecycleTests {

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
        fixture.registerAnnotatedCommandHandler(TestServiceAccounts.contactCommands(fixture));
    }

    @Test
    void deactivateWhenActiveThenDeactivatedAndNotFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new DeactivateServiceAccountCommand(ID, COMPANY))
                .expectEvents(new ServiceAccountDeactivatedEvent(ID, COMPANY))
                .expectState(account -> {
                    assertThat(account.rights().status()).isEqualTo(AccountStatus.DEACTIVATED);
                    assertThat(account.rights().functional()).isFalse();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.NONE);
                });
    }

    @Test
    void deactivateWhenAlreadyDeactivatedThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created(), new ServiceAccountDeactivatedEvent(ID, COMPANY))
                .when(new DeactivateServiceAccountCommand(ID, COMPANY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reactivateWhenDeactivatedThenReactivatedAndFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN),
                        new ServiceAccountDeactivatedEvent(ID, COMPANY))
                .when(new ReactivateServiceAccountCommand(ID, COMPANY))
                .expectEvents(new ServiceAccountReactivatedEvent(ID, COMPANY))
                .expectState(account -> {
                    assertThat(account.rights().status()).isEqualTo(AccountStatus.ACTIVE);
                    assertThat(account.rights().functional()).isTrue();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.ADMIN);
                });
    }

    @Test
    void reactivateWhenActiveThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ReactivateServiceAccountCommand(ID, COMPANY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deleteWhenActiveThenDeletedAndNotFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new DeleteServiceAccountCommand(ID, COMPANY))
                .expectEvents(new ServiceAccountDeletedEvent(ID, COMPANY))
                .expectState(account -> {
                    assertThat(account.rights().status()).isEqualTo(AccountStatus.DELETED);
                    assertThat(account.rights().functional()).isFalse();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.NONE);
                });
    }

    @Test
    void deleteWhenDeactivatedThenDeleted() {
        fixture.given(TestServiceAccounts.custom().created(), new ServiceAccountDeactivatedEvent(ID, COMPANY))
                .when(new DeleteServiceAccountCommand(ID, COMPANY))
                .expectEvents(new ServiceAccountDeletedEvent(ID, COMPANY));
    }

    @Test
    void reactivateWhenDeletedAfterDeactivationThenRejected() {
        fixture.given(TestServiceAccounts.custom().created(), new ServiceAccountDeactivatedEvent(ID, COMPANY),
                        new ServiceAccountDeletedEvent(ID, COMPANY))
                .when(new ReactivateServiceAccountCommand(ID, COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.ACCOUNT_DELETED));
    }

    @Test
    void removeFromForeignDirectoryWhenAccountDeletedThenStillRemoved() {
        fixture.given(TestServiceAccounts.custom().created(),
                        new ContactAddedToDirectoryEvent(TestServiceAccounts.CONTACT, ContactKind.SERVICE_ACCOUNT,
                                OTHER_COMPANY, ID, "ERP sync", TestServiceAccounts.EMAIL, true),
                        new ServiceAccountDeletedEvent(ID, COMPANY))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectEvents(new ContactRemovedFromDirectoryEvent(TestServiceAccounts.CONTACT,
                        ContactKind.SERVICE_ACCOUNT, OTHER_COMPANY, ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsToAnAccount")
    void commandWhenAccountDeletedThenRejected(Object command) {
        fixture.given(TestServiceAccounts.custom().created(),
                        new ProjectMembershipSetEvent(ID, COMPANY, "project-1",
                                Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)),
                        new ServiceAccountDeletedEvent(ID, COMPANY))
                .when(command)
                .expectNoEvents()
                .expectException(domainError(ErrorCode.ACCOUNT_DELETED));
    }

    /** @return one command of each kind an account handles, each of which a live account would accept */
    static Stream<Named<Object>> commandsToAnAccount() {
        Instant later = CREATED_AT.plus(Duration.ofDays(1));
        return Stream.of(
                new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.DOCUMENTS, PermissionLevel.ADMIN),
                new EditServiceAccountCommand(ID, COMPANY, "Payroll export", null, null),
                new DeactivateServiceAccountCommand(ID, COMPANY),
                new ReactivateServiceAccountCommand(ID, COMPANY),
                new DeleteServiceAccountCommand(ID, COMPANY),
                new ResetClientSecretCommand(ID, COMPANY, secret("secret-2", later), CallerRights.OPERATOR),
                new RotateClientSecretCommand(ID, COMPANY, secret("secret-2", later), later.plus(Duration.ofDays(7)),
                        CallerRights.OPERATOR),
                new SetProjectMembershipCommand(ID, COMPANY, "project-2", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)),
                new RemoveProjectMembershipCommand(ID, COMPANY, "project-1"),
                new ChangeDirectoryEmailCommand(CONTACT, COMPANY, "erp-bot@acme.example", true),
                new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, true))
                .map(command -> Named.of(command.getClass().getSimpleName(), command));
    }
}
