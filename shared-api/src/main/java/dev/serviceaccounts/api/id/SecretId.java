package dev.serviceaccounts.api.id;

import dev.serviceaccounts.api.Ids;

/** Names one client secret of an account, so that it can be listed and expired without showing it. */
public record SecretId(String value) {

    public SecretId {
        Ids.requireToken(value, "secretId");
    }

    @Override
    public String toString() {
        return value;
    }
}
