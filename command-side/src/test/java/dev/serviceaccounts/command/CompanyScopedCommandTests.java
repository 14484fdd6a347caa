package dev.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.company.CreateCompanyCommand;
import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.DeactivatePersonCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every command of the shared API names the company it acts in, so that every aggregate's guard checks it
 * ({@link CompanyGuard}, docs/design.md §4): none can skip the 404 for another company by forgetting a marker.
 * The per-aggregate tests (ServiceAccountCompanyScopeTests, PersonCompanyScopeTests) send each command an
 * aggregate handles from another company.
 */
class CompanyScopedCommandTests {

    private static final CompanyId OWNER = new CompanyId(UUID.randomUUID().toString());
    private static final CompanyId OTHER = new CompanyId(UUID.randomUUID().toString());
    private static final ContactId CONTACT = new ContactId(UUID.randomUUID().toString());

    @Test
    void whenSharedApiScannedThenEveryCommandIsARecordThatNamesItsCompany() {
        Set<Class<?>> commands = CommandTypes.inSharedApi();

        assertThat(commands).as("the scan finds the commands").contains(CreateCompanyCommand.class,
                CreateServiceAccountCommand.class, DeleteServiceAccountCommand.class,
                GrantCompanyPermissionCommand.class, ChangeDirectoryEmailCommand.class, DeactivatePersonCommand.class,
                AddContactToDirectoryCommand.class).hasSizeGreaterThanOrEqualTo(15);
        assertThat(commands).allSatisfy(command -> {
            assertThat(command.isRecord()).as(command.getSimpleName() + " is a record").isTrue();
            assertThat(CompanyScopedCommand.class).as(command.getSimpleName() + " names its company")
                    .isAssignableFrom(command);
        });
    }

    @Test
    void whenCompanyAggregateThenItHandlesOnlyItsCreation() {
        assertThat(CommandTypes.handledByExisting(companyAggregate()))
                .as("a command to an existing company needs a company check in its guard and a test here").isEmpty();
    }

    @Test
    void whenOwnerScopedCommandFromAnotherCompanyThenNotFound() {
        assertThatThrownBy(() -> CompanyGuard.check(
                new DeleteServiceAccountCommand(new ServiceAccountId(UUID.randomUUID().toString()), OTHER),
                OWNER, company -> true, "Service account"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.details().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void whenDirectoryScopedCommandFromADirectoryTheContactIsNotInThenNotFound() {
        assertThatThrownBy(() -> CompanyGuard.check(new RemoveContactFromDirectoryCommand(CONTACT, OWNER),
                OWNER, company -> false, "Contact"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.details().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void whenPayloadNamesNoCompanyThenRefusedBeforeAnyHandler() {
        assertThatThrownBy(() -> CompanyGuard.check("not a command", OWNER, company -> true, "Contact"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Class<?> companyAggregate() {
        try {
            return Class.forName("dev.serviceaccounts.command.company.Company");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
