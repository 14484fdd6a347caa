package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/** The person is active again; {@code companyId} is its own company, which did it. */
public record PersonReactivatedEvent(ContactId contactId, CompanyId companyId) implements CompanyScopedEvent {
}
