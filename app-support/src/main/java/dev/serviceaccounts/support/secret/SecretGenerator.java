package dev.serviceaccounts.support.secret;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one source of client secrets, service accounts' and the operator's (docs/design.md §6): 32 bytes
 * from {@link SecureRandom}, base64url without padding, 43 characters that no form encoder changes. It also
 * makes the other random identifiers of credentials ({@link #randomToken(int)}). Thread-safe.
 */
public final class SecretGenerator {

    /** Bytes of randomness in a secret: 256 bits. */
    public static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** @return a new secret: 43 base64url characters carrying 256 random bits */
    public String newSecret() {
        return randomToken(SECRET_BYTES);
    }

    /** @return {@code bytes} random bytes, base64url without padding */
    public String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
