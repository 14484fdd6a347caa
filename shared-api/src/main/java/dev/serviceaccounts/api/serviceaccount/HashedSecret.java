package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.SecretId;
import java.time.Instant;
import java.util.Objects;

/**
 * One client secret as stored: its id, its hash (never the secret), when it was made and, for a
 * rotated-out secret, when it stops working.
 *
 * <p>The hash is written and checked by the apps' client-secret {@code PasswordEncoder} (docs/design.md §6): an
 * id prefix naming the scheme, then the digest. Events written before the current id carry the legacy
 * {@code {sha256}} prefix, which the encoder still verifies.
 *
 * @param expiresAt null while the secret has no end
 */
public record HashedSecret(SecretId secretId, String hash, Instant createdAt, Instant expiresAt) {

    public HashedSecret {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return true while the secret may be used at {@code now} */
    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
