package dev.serviceaccounts.api.id;

import dev.serviceaccounts.api.Ids;

/** A service account's id: a UUID string, also its aggregate id. {@link #toString()} is the bare value. */
public record ServiceAccountId(String value) {

    public ServiceAccountId {
        Ids.requireUuid(value, "serviceAccountId");
    }

    @Override
    public String toString() {
        return value;
    }
}
