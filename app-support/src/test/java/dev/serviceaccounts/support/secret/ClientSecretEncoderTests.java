package dev.serviceaccounts.support.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.StandardPasswordEncoder;

class ClientSecretEncoderTests {

    private static final String SECRET = new SecretGenerator().newSecret();
    /** A hash as stored in events before {@code {sa-sha256}}: SHA-256 of "s3cr3t", base64url. */
    private static final String LEGACY_HASH = "{sha256}TnOMpVY8Bs_QAYKZkz1Y2x3Yv5f2lz3Jm_bNxktVUL0";

    private final ClientSecretEncoder encoder = new ClientSecretEncoder();

    @Test
    void whenEncodingThenTheHashCarriesOurOwnIdAndTheBase64UrlDigest() {
        String hash = encoder.encode("s3cr3t");

        assertThat(hash).isEqualTo("{sa-sha256}TnOMpVY8Bs_QAYKZkz1Y2x3Yv5f2lz3Jm_bNxktVUL0");
        assertThat(encoder.encode(SECRET)).matches("\\{sa-sha256}[A-Za-z0-9_-]{43}").doesNotContain(SECRET);
    }

    @Test
    void whenTheSecretIsRightThenItMatchesItsNewHash() {
        assertThat(encoder.matches(SECRET, encoder.encode(SECRET))).isTrue();
    }

    @Test
    void whenAHashHasTheLegacySha256PrefixThenItsSecretStillVerifies() {
        assertThat(encoder.matches("s3cr3t", LEGACY_HASH)).isTrue();
        assertThat(encoder.matches("s3cr3T", LEGACY_HASH)).isFalse();
        assertThat(encoder.upgradeEncoding(LEGACY_HASH)).isTrue();
        assertThat(encoder.upgradeEncoding(encoder.encode(SECRET))).isFalse();
    }

    @Test
    void whenTheSecretIsWrongThenItIsRefused() {
        String hash = encoder.encode(SECRET);

        assertThat(encoder.matches(new SecretGenerator().newSecret(), hash)).isFalse();
        assertThat(encoder.matches(SECRET + "x", hash)).isFalse();
        assertThat(encoder.matches(SECRET, hash.substring(0, hash.length() - 1))).isFalse();
    }

    @Test
    void whenTheSecretOrHashIsNullOrEmptyThenNothingMatches() {
        assertThat(encoder.matches(null, null)).isFalse();
        assertThat(encoder.matches(null, encoder.encode(SECRET))).isFalse();
        assertThat(encoder.matches("", "{sa-sha256}")).isFalse();
        assertThat(encoder.matches("", "{sha256}47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")).isFalse();
        assertThat(encoder.matches(SECRET, null)).isFalse();
        assertThat(encoder.matches(SECRET, "")).isFalse();
        assertThatThrownBy(() -> encoder.encode("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @SuppressWarnings("deprecation")
    void whenTheHashHasAnotherSpringIdThenItIsRefusedNotMisVerified() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(SECRET);
        String springSha256 = "{sha256}" + new StandardPasswordEncoder().encode(SECRET);

        assertThat(encoder.matches(SECRET, bcrypt)).isFalse();
        assertThat(encoder.matches(SECRET, "{noop}" + SECRET)).isFalse();
        assertThat(encoder.matches(SECRET, SECRET)).isFalse();
        assertThat(encoder.matches(SECRET, springSha256))
                .as("a salted StandardPasswordEncoder hash is not ours").isFalse();
    }

    @Test
    void whenGeneratingSecretsThenEachIs43Base64UrlCharactersAndNew() {
        SecretGenerator generator = new SecretGenerator();

        assertThat(generator.newSecret()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(generator.newSecret());
    }
}
