package dev.serviceaccounts.command.directory;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.directory.TestPeople.COMPANY;
import static dev.serviceaccounts.command.directory.TestPeople.CONTACT;
import static dev.serviceaccounts.command.directory.TestPeople.EMAIL;
import static dev.serviceaccounts.command.directory.TestPeople.NAME;
import static dev.serviceaccounts.command.directory.TestPeople.OTHER_COMPANY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactStatus;
import dev.serviceaccounts.api.directory.DeactivatePersonCommand;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.PersonDeactivatedEvent;
import dev.serviceaccounts.api.directory.PersonReactivatedEvent;
import dev.serviceaccounts.api.directory.ReactivatePersonCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person contact: created with a trimmed name and email, may change its email freely (its uniqueness,
 * invariant 3, is checked at the edge), and may be in several company directories.
 */
class PersonTests {

    private static final String NEW_EMAIL = "ann@lee-consulting.example";

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerAnnotatedCommandHandler(new ContactCommandHandler(
                (contactId, version) -> fixture.getRepository().load(contactId.value(), version)));
    }

    // Create

    @Test
    void createWhenValidThenCreatedWithTrimmedNameAndEmailInNormalForm() {
        fixture.givenNoPriorActivity()
                .when(TestPeople.person().named("  Ann Lee  ").email("  Ann.Lee@Acme.example. ").command())
                .expectEvents(TestPeople.person().named("Ann Lee").email("Ann.Lee@acme.example").created())
                .expectState(person -> {
                    assertThat(person.contactState(0L).mayUseReservedDomain()).isFalse();
                    assertThat(person.contactState(0L).email()).isEqualTo("Ann.Lee@acme.example");
                    assertThat(person.contactState(0L).directories()).containsExactly(COMPANY);
                });
    }

    @Test
    void createWhenNameBlankThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestPeople.person().named("   ").command()), "name");
    }

    @Test
    void createWhenNameMissingThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestPeople.person().named(null).command()), "name");
    }

    @Test
    void createWhenNameLongerThan255ThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestPeople.person().named("x".repeat(256)).command()), "name");
    }

    @Test
    void createWhenEmailMalformedThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestPeople.person().email("ann.lee@acme").command()), "email");
    }

    @Test
    void createWhenEmailMissingThenRejected() {
        expectInvalid(fixture.givenNoPriorActivity().when(TestPeople.person().email(null).command()), "email");
    }

    @Test
    void createWhenNameBlankAndEmailMalformedThenBothFieldsRejected() {
        fixture.givenNoPriorActivity()
                .when(TestPeople.person().named(" ").email("ann.lee@acme").command())
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "name"))
                .expectException(domainError(ErrorCode.INVALID_FIELD, "email"));
    }

    // ChangeDirectoryEmail

    @Test
    void changeEmailWhenInActingDirectoryThenChanged() {
        fixture.given(TestPeople.person().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, " " + NEW_EMAIL + " ", false))
                .expectEvents(emailChanged(COMPANY, EMAIL, NEW_EMAIL))
                .expectState(person -> assertThat(person.contactState(0L).email()).isEqualTo(NEW_EMAIL));
    }

    @Test
    void changeEmailWhenActingFromSecondDirectoryThenChanged() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL))
                .when(new ChangeDirectoryEmailCommand(CONTACT, OTHER_COMPANY, NEW_EMAIL, false))
                .expectEvents(emailChanged(OTHER_COMPANY, EMAIL, NEW_EMAIL));
    }

    @Test
    void changeEmailWhenOnlyCaseDiffersThenChanged() {
        fixture.given(TestPeople.person().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, "Ann.Lee@Acme.example", false))
                .expectEvents(emailChanged(COMPANY, EMAIL, "Ann.Lee@acme.example"));
    }

    @Test
    void changeEmailWhenAcknowledgementSentThenChangedAsWithoutIt() {
        fixture.given(TestPeople.person().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, NEW_EMAIL, true))
                .expectEvents(emailChanged(COMPANY, EMAIL, NEW_EMAIL));
    }

    @Test
    void changeEmailWhenNotInActingDirectoryThenNotFound() {
        fixture.given(TestPeople.person().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, OTHER_COMPANY, NEW_EMAIL, false))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void changeEmailWhenSameEmailThenNoEvent() {
        fixture.given(TestPeople.person().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, EMAIL, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changeEmailWhenMalformedThenRejected() {
        expectInvalid(fixture.given(TestPeople.person().created())
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, "ann lee@acme.example", false)), "email");
    }

    @Test
    void changeEmailWhenPersonMovedPastTheVersionItsClaimNamesThenConflictAndNoEvent() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, NEW_EMAIL, false, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void changeEmailWhenAtTheVersionItsClaimNamesThenChanged() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL))
                .when(new ChangeDirectoryEmailCommand(CONTACT, COMPANY, NEW_EMAIL, false, 1L))
                .expectEvents(emailChanged(COMPANY, EMAIL, NEW_EMAIL));
    }

    // Add to / remove from a directory

    @Test
    void addToDirectoryWhenNotInItThenAdded() {
        fixture.given(TestPeople.person().created())
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectEvents(addedTo(OTHER_COMPANY, EMAIL))
                .expectState(person -> assertThat(person.contactState(0L).directories())
                        .containsExactlyInAnyOrder(COMPANY, OTHER_COMPANY));
    }

    @Test
    void addToDirectoryWhenEmailChangedThenEventCarriesCurrentEmail() {
        fixture.given(TestPeople.person().created(), emailChanged(COMPANY, EMAIL, NEW_EMAIL))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectEvents(addedTo(OTHER_COMPANY, NEW_EMAIL));
    }

    @Test
    void addToDirectoryWhenPersonMovedPastTheVersionItsClaimNamesThenConflictAndNoEvent() {
        fixture.given(TestPeople.person().created(), emailChanged(COMPANY, EMAIL, NEW_EMAIL))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void addToDirectoryWhenAlreadyAddedThenNoEvent() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL))
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void addToDirectoryWhenItsFirstDirectoryThenNoEvent() {
        fixture.given(TestPeople.person().created())
                .when(new AddContactToDirectoryCommand(CONTACT, COMPANY, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removeFromDirectoryWhenInItThenRemoved() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectEvents(new ContactRemovedFromDirectoryEvent(CONTACT, ContactKind.PERSON, OTHER_COMPANY, null))
                .expectState(person -> assertThat(person.contactState(0L).directories()).containsExactly(COMPANY));
    }

    @Test
    void removeFromDirectoryWhenItsLastDirectoryThenRejected() {
        fixture.given(TestPeople.person().created())
                .when(new RemoveContactFromDirectoryCommand(CONTACT, COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CONTACT_LAST_DIRECTORY));
    }

    @Test
    void removeFromDirectoryWhenNotInItThenNotFound() {
        fixture.given(TestPeople.person().created())
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void removeFromDirectoryWhenAlreadyRemovedThenNotFound() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL),
                        new ContactRemovedFromDirectoryEvent(CONTACT, ContactKind.PERSON, OTHER_COMPANY, null))
                .when(new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    // Deactivate / reactivate (the way to remove a person whose last directory cannot be left)

    @Test
    void deactivateWhenActiveThenInactiveAndStillInItsDirectoriesWithItsEmail() {
        fixture.given(TestPeople.person().created())
                .when(new DeactivatePersonCommand(CONTACT, COMPANY))
                .expectEvents(new PersonDeactivatedEvent(CONTACT, COMPANY))
                .expectState(person -> {
                    assertThat(person.status()).isEqualTo(ContactStatus.INACTIVE);
                    assertThat(person.contactState(1L).directories()).containsExactly(COMPANY);
                    assertThat(person.contactState(1L).email()).isEqualTo(EMAIL);
                });
    }

    @Test
    void deactivateWhenAlreadyInactiveThenNoEvent() {
        fixture.given(TestPeople.person().created(), new PersonDeactivatedEvent(CONTACT, COMPANY))
                .when(new DeactivatePersonCommand(CONTACT, COMPANY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deactivateWhenActingCompanyIsNotItsOwnThenForbidden() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL))
                .when(new DeactivatePersonCommand(CONTACT, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.FORBIDDEN));
    }

    @Test
    void deactivateWhenNotInActingDirectoryThenNotFound() {
        fixture.given(TestPeople.person().created())
                .when(new DeactivatePersonCommand(CONTACT, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void reactivateWhenInactiveThenActive() {
        fixture.given(TestPeople.person().created(), new PersonDeactivatedEvent(CONTACT, COMPANY))
                .when(new ReactivatePersonCommand(CONTACT, COMPANY))
                .expectEvents(new PersonReactivatedEvent(CONTACT, COMPANY))
                .expectState(person -> assertThat(person.status()).isEqualTo(ContactStatus.ACTIVE));
    }

    @Test
    void reactivateWhenActiveThenNoEvent() {
        fixture.given(TestPeople.person().created())
                .when(new ReactivatePersonCommand(CONTACT, COMPANY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reactivateWhenActingCompanyIsNotItsOwnThenForbidden() {
        fixture.given(TestPeople.person().created(), addedTo(OTHER_COMPANY, EMAIL),
                        new PersonDeactivatedEvent(CONTACT, COMPANY))
                .when(new ReactivatePersonCommand(CONTACT, OTHER_COMPANY))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.FORBIDDEN));
    }

    private static DirectoryEmailChangedEvent emailChanged(CompanyId directory, String from, String to) {
        return new DirectoryEmailChangedEvent(CONTACT, ContactKind.PERSON, directory, null, from, to, false);
    }

    private static ContactAddedToDirectoryEvent addedTo(CompanyId directory, String email) {
        return new ContactAddedToDirectoryEvent(CONTACT, ContactKind.PERSON, directory, null, NAME, email, false);
    }

    private static void expectInvalid(ResultValidator<Person> result, String field) {
        result.expectNoEvents().expectException(domainError(ErrorCode.INVALID_FIELD, field));
    }
}
