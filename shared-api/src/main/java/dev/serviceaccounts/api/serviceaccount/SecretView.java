package dev.serviceaccounts.api.serviceaccount;

import java.time.Instant;

/**
 * One active client secret as shown: never the secret nor its hash.
 *
 * @param expiresAt  null while the secret has no end
 * @param lastUsedAt when it last got a token, to about a minute (docs/decisions.md D26); null when never, or not
 *                   known to the reader: not part of the account's events, so the view of the account's fold
 *                   never holds it, the query side's read joins it
 */
public record SecretView(String secretId, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    /** A secret without a known last use. */
    public SecretView(String secretId, Instant createdAt, Instant expiresAt) {
        this(secretId, createdAt, expiresAt, null);
    }

    /** @return this secret last used at {@code at} (null: not known) */
    public SecretView withLastUsedAt(Instant at) {
        return new SecretView(secretId, createdAt, expiresAt, at);
    }
}
