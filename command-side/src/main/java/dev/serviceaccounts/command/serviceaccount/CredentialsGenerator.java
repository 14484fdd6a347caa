package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ClientId;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.SecretId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Makes client ids and secrets at the edge, so aggregates stay deterministic (STYLE.md).
 * Secrets are 32 bytes of {@link SecureRandom}, base64url without padding (docs/design.md §6): 43 characters
 * that no form encoder changes.
 */
@Component
public class CredentialsGenerator {

    private static final int SECRET_BYTES = 32;
    private static final int CLIENT_ID_BYTES = 24;
    private static final int SECRET_ID_BYTES = 12;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public CredentialsGenerator(Clock clock) {
        this.clock = clock;
    }

    /** @return a new random {@code client_id} of 32 characters */
    public ClientId newClientId() {
        return new ClientId(randomToken(CLIENT_ID_BYTES));
    }

    /** @return a new secret with no expiry, made now */
    public NewSecret newSecret() {
        String plaintext = randomToken(SECRET_BYTES);
        SecretId secretId = new SecretId(randomToken(SECRET_ID_BYTES));
        return new NewSecret(plaintext, new HashedSecret(secretId, HashedSecret.hashOf(plaintext), clock.instant(), null));
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
