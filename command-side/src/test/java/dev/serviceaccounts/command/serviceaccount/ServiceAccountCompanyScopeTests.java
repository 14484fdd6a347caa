package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CONTACT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CREATED_AT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.OTHER_COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
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
import dev.serviceaccounts.api.serviceaccount.DeactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.EditServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ReactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.command.CommandTypes;
import dev.serviceaccounts.command.directory.ContactCommandHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@link ServiceAccountCommand} reaches an account only from its own company: from any other it is "not
 * found" (docs/design.md §4: 404, never 403, so ids of other companies cannot be probed), even when the account is
 * deleted.
 */
class ServiceAccountCompanyScopeTests {

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
        fixture.registerAnnotatedCommandHandler(TestServiceAccounts.contactCommands(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsFromAnotherCompany")
    void commandWhenCompanyIsAnotherThenNotFound(CompanyScopedCommand command) {
        fixture.given(TestServiceAccounts.custom().created(),
                        new ProjectMembershipSetEvent(ID, COMPANY, "project-1",
                                Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(command)
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void reactivateWhenCompanyIsAnotherThenNotFound() {
        fixture.given(TestServiceAccounts.custom().created(), new ServiceAccountDeactivatedEvent(ID, COMPANY))
                .when(new ReactivateServiceAccountCommand(ID, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void commandWhenDeletedAccountOfAnotherCompanyThenNotFoundNotDeleted() {
        fixture.given(TestServiceAccounts.custom().created(), new ServiceAccountDeletedEvent(ID, COMPANY))
                .when(new DeactivateServiceAccountCommand(ID, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void deactivateWhenOwnCompanyThenDeactivated() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new DeactivateServiceAccountCommand(ID, COMPANY))
                .expectEvents(new ServiceAccountDeactivatedEvent(ID, COMPANY));
    }

    @Test
    void whenEveryCommandTheAccountHandlesThenEachIsSentFromAnotherCompanyHere() {
        Set<Class<?>> sentHere = commandsFromAnotherCompany().map(named -> named.getPayload().getClass())
                .collect(Collectors.toSet());
        sentHere.add(ReactivateServiceAccountCommand.class);
        sentHere.add(AddContactToDirectoryCommand.class);

        Set<Class<?>> handled = new HashSet<>(CommandTypes.handledByExisting(ServiceAccount.class));
        handled.addAll(CommandTypes.handledByExisting(ContactCommandHandler.class));
        assertThat(sentHere).containsExactlyInAnyOrderElementsOf(handled);
    }

    @Test
    void addToDirectoryWhenAnotherCompanyThenPastTheCompanyCheckToTheSingleDirectoryRule() {
        assertThat(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false).companyScope())
                .isEqualTo(CompanyScopedCommand.Scope.JOINED);
        fixture.given(TestServiceAccounts.custom().created())
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SERVICE_ACCOUNT_SINGLE_DIRECTORY));
    }

    /**
     * @return every kind of command to an existing account but joining a directory, each acting in a company
     *         that is not the account's (for a contact command: a directory the contact is not in)
     */
    static Stream<Named<CompanyScopedCommand>> commandsFromAnotherCompany() {
        Instant later = CREATED_AT.plus(Duration.ofDays(1));
        return Stream.<CompanyScopedCommand>of(
                        new DeactivateServiceAccountCommand(ID, OTHER_COMPANY),
                        new DeleteServiceAccountCommand(ID, OTHER_COMPANY),
                        new EditServiceAccountCommand(ID, OTHER_COMPANY, "Payroll export", null, null),
                        new ResetClientSecretCommand(ID, OTHER_COMPANY, secret("secret-2", later),
                                CallerRights.OPERATOR),
                        new RotateClientSecretCommand(ID, OTHER_COMPANY, secret("secret-2", later),
                                later.plus(Duration.ofDays(7)), CallerRights.OPERATOR),
                        new GrantCompanyPermissionCommand(ID, OTHER_COMPANY, CompanyTool.ADMIN, PermissionLevel.ADMIN),
                        new SetProjectMembershipCommand(ID, OTHER_COMPANY, "project-2",
                                Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)),
                        new RemoveProjectMembershipCommand(ID, OTHER_COMPANY, "project-1"),
                        new ChangeDirectoryEmailCommand(CONTACT, OTHER_COMPANY, "payroll@acme.example", true),
                        new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .map(command -> Named.of(command.getClass().getSimpleName(), command));
    }
}
