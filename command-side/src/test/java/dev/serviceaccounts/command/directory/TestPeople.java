package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.CreatePersonCommand;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/** Builder of person fixtures: {@code TestPeople.person().named("Ann Lee").email("ann@acme.example").command()}. */
final class TestPeople {

    static final ContactId CONTACT = new ContactId("7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a");
    static final CompanyId COMPANY = new CompanyId("0b7e4f5a-1c2d-4e3f-8a9b-1c2d3e4f5a6b");
    static final CompanyId OTHER_COMPANY = new CompanyId("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    static final String NAME = "Ann Lee";
    static final String EMAIL = "ann.lee@acme.example";

    private String name = NAME;
    private String email = EMAIL;

    private TestPeople() {
    }

    static TestPeople person() {
        return new TestPeople();
    }

    TestPeople named(String newName) {
        this.name = newName;
        return this;
    }

    TestPeople email(String newEmail) {
        this.email = newEmail;
        return this;
    }

    /** @return the command as the edge sends it, fields as given */
    CreatePersonCommand command() {
        return new CreatePersonCommand(CONTACT, COMPANY, name, email);
    }

    /** @return the event the command records: name and email trimmed */
    PersonCreatedEvent created() {
        return new PersonCreatedEvent(CONTACT, COMPANY, name == null ? null : name.trim(),
                email == null ? null : email.trim());
    }
}
