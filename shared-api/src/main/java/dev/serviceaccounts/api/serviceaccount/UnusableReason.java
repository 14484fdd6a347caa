package dev.serviceaccounts.api.serviceaccount;

/**
 * Why a service account is not functional or not usable (docs/design.md §3). Functional = ACTIVE, email
 * unchanged and contact only in its home directory; usable = functional and some permission above NONE.
 */
public enum UnusableReason {
    DEACTIVATED,
    DELETED,
    EMAIL_CHANGED,
    IN_FOREIGN_DIRECTORY,
    NO_PERMISSIONS
}
