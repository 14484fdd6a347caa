package dev.serviceaccounts.api.serviceaccount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * One client secret as stored: its id, its hash (never the secret), when it was made and, for a
 * rotated-out secret, when it stops working.
 *
 * <p>The hash is {@code "{sha256}" + base64url(SHA-256(UTF-8 secret))}. Secrets are 256-bit random
 * values (docs/design.md §6), so a fast unsalted digest cannot be brute-forced and keeps the token endpoint
 * fast; BCrypt would only cost throughput. The prefix names the scheme so that it can be migrated.
 *
 * @param expiresAt null while the secret has no end
 */
public record HashedSecret(SecretId secretId, String hash, Instant createdAt, Instant expiresAt) {

    private static final String PREFIX = "{sha256}";

    public HashedSecret {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return the stored form of {@code secret}: {@code {sha256}} followed by the base64url digest */
    public static String hashOf(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Compares in constant time (independent of where the values differ).
     *
     * @return true when {@code candidate} hashes to this secret's hash
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(
                hashOf(candidate).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return true while the secret may be used at {@code now} */
    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
