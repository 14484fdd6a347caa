package dev.serviceaccounts.query.support;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.directory.PersonDeactivatedEvent;
import dev.serviceaccounts.api.directory.PersonReactivatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import java.util.UUID;

/**
 * Builds the events of one test person contact, as the person's own aggregate emits them:
 * {@code TestPeople.person().named("Ada").withEmail("ada@example.com").inCompany(companyId)}.
 */
public final class TestPeople {

    private final ContactId contactId = new ContactId(UUID.randomUUID().toString());
    private CompanyId companyId = new CompanyId(UUID.randomUUID().toString());
    private String name = "Ada Lovelace";
    private String email = "ada@example.com";

    private TestPeople() {
    }

    /** @return a person named "Ada Lovelace", ada@example.com, in a random company */
    public static TestPeople person() {
        return new TestPeople();
    }

    public TestPeople named(String newName) {
        this.name = newName;
        return this;
    }

    public TestPeople withEmail(String newEmail) {
        this.email = newEmail;
        return this;
    }

    public TestPeople inCompany(String newCompanyId) {
        this.companyId = new CompanyId(newCompanyId);
        return this;
    }

    public String contactId() {
        return contactId.value();
    }

    public PersonCreatedEvent created() {
        return new PersonCreatedEvent(contactId, companyId, name, email);
    }

    public PersonDeactivatedEvent deactivated() {
        return new PersonDeactivatedEvent(contactId, companyId);
    }

    public PersonReactivatedEvent reactivated() {
        return new PersonReactivatedEvent(contactId, companyId);
    }

    public DirectoryEmailChangedEvent emailChanged(String newEmail) {
        return new DirectoryEmailChangedEvent(contactId, ContactKind.PERSON, companyId, null, email, newEmail, false);
    }

    public ContactAddedToDirectoryEvent addedToDirectory(String otherCompanyId) {
        return new ContactAddedToDirectoryEvent(contactId, ContactKind.PERSON, new CompanyId(otherCompanyId), null,
                name, email, false);
    }

    public ContactRemovedFromDirectoryEvent removedFromDirectory(String otherCompanyId) {
        return new ContactRemovedFromDirectoryEvent(contactId, ContactKind.PERSON, new CompanyId(otherCompanyId), null);
    }
}
