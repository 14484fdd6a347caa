package dev.serviceaccounts.api.id;

import dev.serviceaccounts.api.Ids;

/**
 * The public OAuth 2.0 {@code client_id} (RFC 6749 §2.2): 1–64 characters of {@code [A-Za-z0-9_-]}.
 * Unique forever: never reused, not even after the account is deleted (docs/design.md §3 invariant 4).
 */
public record ClientId(String value) {

    public ClientId {
        Ids.requireToken(value, "clientId");
    }

    @Override
    public String toString() {
        return value;
    }
}
