package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;

/** The person is active again; {@code companyId} is its own company, which did it. */
public record PersonReactivatedEvent(ContactId contactId, CompanyId companyId) {
}
