package dev.serviceaccounts.api.serviceaccount;

/** Lifecycle status of a service account. {@code DELETED} is terminal (docs/design.md §3 invariant 7). */
public enum AccountStatus {
    ACTIVE,
    DEACTIVATED,
    DELETED
}
