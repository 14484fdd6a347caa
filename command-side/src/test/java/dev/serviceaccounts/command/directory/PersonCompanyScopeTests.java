package dev.serviceaccounts.command.directory;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.directory.TestPeople.CONTACT;
import static dev.serviceaccounts.command.directory.TestPeople.OTHER_COMPANY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.DeactivatePersonCommand;
import dev.serviceaccounts.api.directory.ReactivatePersonCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.CommandTypes;
import java.util.HashSet;
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
 * A person answers "not found" to every command from a company whose directory it is not in (docs/design.md §4),
 * the directory commands too, which reach it through {@link ContactCommandHandler}.
 */
class PersonCompanyScopeTests {

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerAnnotatedCommandHandler(new ContactCommandHandler(
                (contactId, version) -> fixture.getRepository().load(contactId.value(), version)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsFromAnotherCompany")
    void commandWhenCompanyIsAnotherThenNotFound(CompanyScopedCommand command) {
        fixture.given(TestPeople.person().created())
                .when(command)
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void whenEveryCommandThePersonHandlesThenEachIsSentFromAnotherCompanyHere() {
        Set<Class<?>> sentHere = commandsFromAnotherCompany().map(named -> named.getPayload().getClass())
                .collect(Collectors.toSet());
        sentHere.add(AddContactToDirectoryCommand.class);

        Set<Class<?>> handled = new HashSet<>(CommandTypes.handledByExisting(Person.class));
        handled.addAll(CommandTypes.handledByExisting(ContactCommandHandler.class));
        assertThat(sentHere).containsExactlyInAnyOrderElementsOf(handled);
    }

    @Test
    void addToDirectoryWhenAnotherCompanyThenJoinsIt() {
        assertThat(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false).companyScope())
                .isEqualTo(CompanyScopedCommand.Scope.JOINED);
        fixture.given(TestPeople.person().created())
                .when(new AddContactToDirectoryCommand(CONTACT, OTHER_COMPANY, false))
                .expectEvents(new ContactAddedToDirectoryEvent(CONTACT, ContactKind.PERSON, OTHER_COMPANY, null,
                        TestPeople.NAME, TestPeople.EMAIL, false));
    }

    /** @return every kind of command to an existing person but joining a directory, from a directory it is not in */
    static Stream<Named<CompanyScopedCommand>> commandsFromAnotherCompany() {
        return Stream.<CompanyScopedCommand>of(
                        new ChangeDirectoryEmailCommand(CONTACT, OTHER_COMPANY, "ann@acme.example", false),
                        new RemoveContactFromDirectoryCommand(CONTACT, OTHER_COMPANY),
                        new DeactivatePersonCommand(CONTACT, OTHER_COMPANY),
                        new ReactivatePersonCommand(CONTACT, OTHER_COMPANY))
                .map(command -> Named.of(command.getClass().getSimpleName(), command));
    }
}
