package dev.serviceaccounts.support.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The digest behind {@link ClientSecretEncoder}, without an id prefix: {@code base64url(SHA-256(UTF-8 secret))},
 * no padding (43 characters). Unsalted on purpose: it hashes 256-bit random secrets, never passwords
 * (docs/design.md §6). Null and empty secrets never match.
 */
final class Sha256SecretEncoder implements PasswordEncoder {

    /** @throws IllegalArgumentException when {@code secret} is null or empty: there is nothing to store */
    @Override
    public String encode(CharSequence secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a client secret is required");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(secret));
    }

    /** Compares the digests in constant time (independent of where they differ). */
    @Override
    public boolean matches(CharSequence secret, String encoded) {
        if (secret == null || secret.isEmpty() || encoded == null) {
            return false;
        }
        return MessageDigest.isEqual(encode(secret).getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] digest(CharSequence secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
