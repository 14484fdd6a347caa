package dev.serviceaccounts.api.permission;

/** Procore's permission levels, ordered: {@code NONE < READ_ONLY < STANDARD < ADMIN}. */
public enum PermissionLevel {
    NONE,
    READ_ONLY,
    STANDARD,
    ADMIN;

    /** @return true when this level is {@code other} or higher */
    public boolean atLeast(PermissionLevel other) {
        return compareTo(other) >= 0;
    }
}
