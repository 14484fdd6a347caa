package dev.serviceaccounts.api.directory;

/** What a company-directory contact is: a person, or the contact of a service account. */
public enum ContactKind {
    PERSON,
    SERVICE_ACCOUNT
}
