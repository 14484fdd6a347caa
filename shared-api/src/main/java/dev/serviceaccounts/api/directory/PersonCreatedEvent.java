package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/** A person is a contact of {@code companyId}'s directory. {@code email} is trimmed, case as given. */
public record PersonCreatedEvent(ContactId contactId, CompanyId companyId, String name, String email)
        implements CompanyScopedEvent {
}
