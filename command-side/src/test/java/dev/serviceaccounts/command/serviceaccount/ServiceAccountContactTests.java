package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CONTACT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.EMAIL;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.OTHER_COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.granted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service account's directory contact (docs/design.md §3 invariants 1 and 2): its email never changes and it
 * stays in its home directory only, unless an admin acknowledges breaking the account; undoing the change
 * makes the account functional again.
 */
class ServiceAccountContactTests {

    private static final String CHANGED_EMAIL = "erp-bot@acme.example";
    private static final CompanyId THIRD_COMPANY = new CompanyId("3e1f7a2b-6c4d-4e5f-9a0b-7c8d9e0f1a2b");

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
        fixture.registerAnnotatedCommandHandler(TestServiceAccounts.contactCommands(fixture));
    }

    // Invariant 2: the email never changes

    @Test
    void changeEmailWhenContactIsServiceAccountThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, CHANGED_EMAIL, false))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SERVICE_ACCOUNT_EMAIL_FIXED));
    }

    @Test
    void changeEmailWhenAcknowledgedThenChangedAndAccountNotFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, CHANGED_EMAIL, true))
                .expectEvents(emailChanged(EMAIL, CHANGED_EMAIL, true))
                .expectState(account -> {
                    assertThat(account.contactState(0L).email()).isEqualTo(CHANGED_EMAIL);
                    assertThat(account.rights().contactIntact()).isFalse();
                    assertThat(account.rights().functional()).isFalse();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.NONE);
                });
    }

    @Test
    void changeEmailWhenSetBackToGeneratedWithoutAcknowledgeThenAcceptedAndFunctionalAgain() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN),
                        emailChanged(EMAIL, CHANGED_EMAIL, true))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, EMAIL, false))
                .expectEvents(emailChanged(CHANGED_EMAIL, EMAIL, false))
                .expectState(account -> {
                    assertThat(account.contactState(0L).email()).isEqualTo(EMAIL);
                    assertThat(account.rights().functional()).isTrue();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.ADMIN);
                });
    }

    @Test
    void changeEmailWhenSetBackToGeneratedWithAcknowledgeThenNoBreakRecorded() {
        fixture.given(TestServiceAccounts.custom().created(), emailChanged(EMAIL, CHANGED_EMAIL, true))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, EMAIL, true))
                .expectEvents(emailChanged(CHANGED_EMAIL, EMAIL, false))
                .expectState(account -> assertThat(account.rights().functional()).isTrue());
    }

    @Test
    void changeEmailWhenAlreadyChangedAndChangedAgainWithoutAcknowledgeThenRejected() {
        fixture.given(TestServiceAccounts.custom().created(), emailChanged(EMAIL, CHANGED_EMAIL, true))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, "another@acme.example", false))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SERVICE_ACCOUNT_EMAIL_FIXED));
    }

    @Test
    void changeEmailWhenSameEmailThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, EMAIL, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(account -> assertThat(account.rights().functional()).isTrue());
    }

    @Test
    void changeEmailWhenSameEmailWithSurroundingSpacesThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, "  " + EMAIL + " ", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changeEmailWhenMalformedThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, "not-an-email", true))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "email"));
    }

    @Test
    void changeEmailWhenMissingThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, null, true))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "email"));
    }

    @Test
    void changeEmailWhenActingCompanyIsNotADirectoryOfContactThenNotFound() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, OTHER_COMPANY, CHANGED_EMAIL, true))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void changeEmailWhenAccountMovedPastTheVersionItsClaimNamesThenConflictAndNoEvent() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, CHANGED_EMAIL, true, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    // Invariant 1: only in the home company's directory

    @Test
    void addToDirectoryWhenAnotherCompanyWithoutAcknowledgeThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SERVICE_ACCOUNT_SINGLE_DIRECTORY));
    }

    @Test
    void addToDirectoryWhenAcknowledgedThenAddedAndAccountNotFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, true))
                .expectEvents(addedTo(OTHER_COMPANY, "ERP sync"))
                .expectState(account -> {
                    assertThat(account.contactState(0L).directories()).containsExactlyInAnyOrder(COMPANY, OTHER_COMPANY);
                    assertThat(account.rights().functional()).isFalse();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.NONE);
                });
    }

    @Test
    void addToDirectoryWhenAccountRenamedThenEventCarriesCurrentName() {
        fixture.given(TestServiceAccounts.custom().created(),
                        new ServiceAccountEditedEvent(ID, COMPANY, "Payroll export", AppType.CUSTOM, null))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, true))
                .expectEvents(addedTo(OTHER_COMPANY, "Payroll export"));
    }

    @Test
    void addToDirectoryWhenAlreadyInHomeDirectoryThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new AddContactToDirectoryCommand(CONTACT, COMPANY, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(account -> assertThat(account.rights().functional()).isTrue());
    }

    @Test
    void addToDirectoryWhenAlreadyInForeignDirectoryThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created(), addedTo(OTHER_COMPANY, "ERP sync"))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void addToDirectoryWhenAccountMovedPastTheVersionItsClaimNamesThenConflictAndNoEvent() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, true, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void addToDirectoryWhenAtTheVersionItsClaimNamesThenAdded() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, true, 1L))
                .expectEvents(addedTo(OTHER_COMPANY, "ERP sync"));
    }

    @Test
    void removeFromDirectoryWhenForeignDirectoryThenRemovedAndFunctionalAgain() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN),
                        addedTo(OTHER_COMPANY, "ERP sync"))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectEvents(new ContactRemovedFromDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, OTHER_COMPANY, ID))
                .expectState(account -> {
                    assertThat(account.contactState(0L).directories()).containsExactly(COMPANY);
                    assertThat(account.rights().functional()).isTrue();
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.ADMIN);
                });
    }

    @Test
    void removeFromDirectoryWhenStillInAnotherForeignDirectoryThenStillNotFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), addedTo(OTHER_COMPANY, "ERP sync"),
                        addedTo(THIRD_COMPANY, "ERP sync"))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectEvents(new ContactRemovedFromDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, OTHER_COMPANY, ID))
                .expectState(account -> assertThat(account.rights().functional()).isFalse());
    }

    @Test
    void removeFromDirectoryWhenEmailStillChangedThenStillNotFunctional() {
        fixture.given(TestServiceAccounts.custom().created(), emailChanged(EMAIL, CHANGED_EMAIL, true),
                        addedTo(OTHER_COMPANY, "ERP sync"))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectEvents(new ContactRemovedFromDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, OTHER_COMPANY, ID))
                .expectState(account -> assertThat(account.rights().functional()).isFalse());
    }

    @Test
    void removeFromDirectoryWhenHomeDirectoryThenRejected() {
        fixture.given(TestServiceAccounts.custom().created(), addedTo(OTHER_COMPANY, "ERP sync"))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SERVICE_ACCOUNT_HOME_DIRECTORY));
    }

    @Test
    void removeFromDirectoryWhenNotInThatDirectoryThenNotFound() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    private static DirectoryEmailChangedEvent emailChanged(String from, String to, boolean acknowledgedBreak) {
        return new DirectoryEmailChangedEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, COMPANY, ID, from, to,
                acknowledgedBreak);
    }

    private static ContactAddedToDirectoryEvent addedTo(CompanyId directory, String name) {
        return new ContactAddedToDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, directory, ID, name, EMAIL, true);
    }
}
