package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/** The person is inactive in every directory it is in; {@code companyId} is its own company, which did it. */
public record PersonDeactivatedEvent(ContactId contactId, CompanyId companyId) implements CompanyScopedEvent {
}
