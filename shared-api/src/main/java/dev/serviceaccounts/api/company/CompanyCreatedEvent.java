package dev.serviceaccounts.api.company;

import dev.serviceaccounts.api.id.CompanyId;

/** A company (and so its company directory) now exists. */
public record CompanyCreatedEvent(CompanyId companyId, String name) implements CompanyScopedEvent {
}
