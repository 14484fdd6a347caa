package dev.serviceaccounts.api.id;

import dev.serviceaccounts.api.Ids;

/** A directory contact's id: a UUID string. {@link #toString()} is the bare value. */
public record ContactId(String value) {

    public ContactId {
        Ids.requireUuid(value, "contactId");
    }

    @Override
    public String toString() {
        return value;
    }
}
