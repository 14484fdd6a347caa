package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.support.secret.SecretGenerator;
import java.time.Clock;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes client ids and secrets at the edge, so aggregates stay deterministic (docs/decisions.md D22). Secrets come from the
 * shared {@link SecretGenerator} and are stored only as the hash of the shared client-secret
 * {@link PasswordEncoder} (docs/design.md §6).
 */
@Component
public class CredentialsGenerator {

    private static final int CLIENT_ID_BYTES = 24;
    private static final int SECRET_ID_BYTES = 12;

    private final SecretGenerator random;
    private final PasswordEncoder secretEncoder;
    private final Clock clock;

    public CredentialsGenerator(SecretGenerator random, PasswordEncoder secretEncoder, Clock clock) {
        this.random = random;
        this.secretEncoder = secretEncoder;
        this.clock = clock;
    }

    /** @return a new random {@code client_id} of 32 characters */
    public ClientId newClientId() {
        return new ClientId(random.randomToken(CLIENT_ID_BYTES));
    }

    /** @return a new secret with no expiry, made now */
    public NewSecret newSecret() {
        String plaintext = random.newSecret();
        SecretId secretId = new SecretId(random.randomToken(SECRET_ID_BYTES));
        return new NewSecret(plaintext, new HashedSecret(secretId, secretEncoder.encode(plaintext), clock.instant(), null));
    }
}
