package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;

/** A person is a contact of {@code companyId}'s directory. {@code email} is trimmed, case as given. */
public record PersonCreatedEvent(ContactId contactId, CompanyId companyId, String name, String email) {
}
