package dev.serviceaccounts.api.company;

/** A company (and so its company directory) now exists. */
public record CompanyCreatedEvent(CompanyId companyId, String name) {
}
