package dev.serviceaccounts.api.id;

import dev.serviceaccounts.api.Ids;

/** A company's id: a UUID string. {@link #toString()} is the bare value (Axon uses it as aggregate id). */
public record CompanyId(String value) {

    public CompanyId {
        Ids.requireUuid(value, "companyId");
    }

    @Override
    public String toString() {
        return value;
    }
}
