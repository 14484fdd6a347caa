package dev.serviceaccounts.api.directory;

/**
 * Whether a directory contact is an active contact. A person is made {@code INACTIVE} by its own company
 * and keeps its directories, history and email; a service account's contact follows nothing here (its
 * account has its own status) and is always {@code ACTIVE}.
 */
public enum ContactStatus {
    ACTIVE,
    INACTIVE
}
