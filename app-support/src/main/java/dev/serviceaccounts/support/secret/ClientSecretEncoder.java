package dev.serviceaccounts.support.secret;

import java.util.Map;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The one {@link PasswordEncoder} of client secrets, service accounts' and the operator's alike
 * (docs/design.md §6): a Spring {@link DelegatingPasswordEncoder} that writes
 * {@code {sa-sha256}base64url(SHA-256(UTF-8 secret))} and verifies every hash this service ever wrote.
 *
 * <p>Ids:
 * <ul>
 *   <li>{@code {sa-sha256}} ("service accounts SHA-256"), written by {@link #encode}: a plain SHA-256 of a
 *       256-bit random secret. Secrets are not passwords, so a fast digest cannot be brute-forced and BCrypt
 *       would only cost throughput. The id is ours, so it cannot be mistaken for an algorithm of Spring's.</li>
 *   <li>{@code {sha256}}, read only: the legacy prefix of our own hashes, the same digest, still in stored
 *       events (which are immutable) and in the operator's stored hash. It is never Spring's
 *       {@code StandardPasswordEncoder} (salted, also registered as {@code {sha256}} by Spring's default
 *       delegating encoder), and is not written any more.</li>
 * </ul>
 * A hash with any other id (such as {@code {bcrypt}}) or none never matches, and a null or empty secret
 * never matches anything (Spring's delegating encoder alone would match a null secret against a null hash).
 * Matching costs one SHA-256 whatever the outcome. Thread-safe and stateless.
 */
public final class ClientSecretEncoder implements PasswordEncoder {

    /** Id of the hashes written now. */
    public static final String ID = "sa-sha256";
    /** Id of the hashes written before {@link #ID}: the same digest, read only. */
    public static final String LEGACY_ID = "sha256";

    private final Sha256SecretEncoder sha256 = new Sha256SecretEncoder();
    private final DelegatingPasswordEncoder delegating;

    public ClientSecretEncoder() {
        delegating = new DelegatingPasswordEncoder(ID, Map.of(ID, sha256, LEGACY_ID, sha256));
        delegating.setDefaultPasswordEncoderForMatches(new UnknownIdEncoder(sha256));
    }

    /**
     * @return {@code {sa-sha256}} followed by the 43-character base64url SHA-256 digest of {@code secret}
     * @throws IllegalArgumentException when {@code secret} is null or empty
     */
    @Override
    public String encode(CharSequence secret) {
        return delegating.encode(secret);
    }

    /** @return true when {@code secret} is not empty and hashes to {@code storedHash} under its id */
    @Override
    public boolean matches(CharSequence secret, String storedHash) {
        if (secret == null || secret.isEmpty() || storedHash == null) {
            return false;
        }
        return delegating.matches(secret, storedHash);
    }

    /** @return true for a hash not written with {@link #ID} (a legacy one): re-hash it when the secret is at hand */
    @Override
    public boolean upgradeEncoding(String storedHash) {
        return delegating.upgradeEncoding(storedHash);
    }

    /** Refuses a hash of an id we do not write, after the same work as a real comparison. */
    private record UnknownIdEncoder(Sha256SecretEncoder sha256) implements PasswordEncoder {

        @Override
        public String encode(CharSequence secret) {
            throw new UnsupportedOperationException("only for matching");
        }

        @Override
        public boolean matches(CharSequence secret, String storedHash) {
            sha256.encode(secret);
            return false;
        }
    }
}
