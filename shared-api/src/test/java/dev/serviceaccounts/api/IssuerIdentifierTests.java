package dev.serviceaccounts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuerIdentifierTests {

    @Test
    void normaliseWhenTrailingSlashThenRemoved() {
        assertThat(IssuerIdentifier.normalise(URI.create("http://localhost:8080/"), "issuer"))
                .hasToString("http://localhost:8080");
        assertThat(IssuerIdentifier.normalise(URI.create("https://id.example.com/tenant//"), "issuer"))
                .hasToString("https://id.example.com/tenant");
    }

    @Test
    void normaliseWhenAlreadyNormalThenUnchanged() {
        assertThat(IssuerIdentifier.normalise(URI.create("http://localhost:8080"), "issuer"))
                .hasToString("http://localhost:8080");
        assertThat(IssuerIdentifier.normalise(URI.create("HTTPS://id.example.com/a%20b"), "issuer"))
                .hasToString("https://id.example.com/a%20b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "/relative", "ftp://id.example.com", "https://id.example.com/?x=1",
            "https://id.example.com/#top", "https://user@id.example.com", "https:///path", "mailto:a@example.com"})
    void normaliseWhenNotAnIssuerUrlThenRefusedNamingTheSetting(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IssuerIdentifier.normalise(URI.create(value), "SA_ISSUER"))
                .withMessageStartingWith("SA_ISSUER must be")
                .withMessageContaining(value);
    }

    @Test
    void normaliseWhenMissingThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> IssuerIdentifier.normalise(null, "SA_ISSUER"))
                .withMessageStartingWith("SA_ISSUER is required");
    }
}
