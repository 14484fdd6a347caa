package dev.serviceaccounts.command.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one normal form of directory emails, taken before the reserved-domain and uniqueness checks. */
class EmailsTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p@example.com|p@example.com",
            "  p@example.com  |p@example.com",
            "p@Example.COM.|p@Example.com",
            "P@example.com|P@example.com",
            "\uFF50\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45\uFF0E\uFF43\uFF4F\uFF4D|p@example.com",
            "p@b\u00FCcher.example|p@xn--bcher-kva.example",
            "p@B\u00DCCHER.example.|p@xn--bcher-kva.example",
            "p@xn--bcher-kva.example|p@xn--bcher-kva.example",
            "p@example\u3002com|p@example.com"})
    void normaliseWhenSpellingsOfOneAddressThenOneForm(String raw, String normal) {
        assertThat(Emails.normalise(raw)).isEqualToIgnoringCase(normal);
        assertThat(EmailAddresses.uniquenessKey(raw)).isEqualTo(EmailAddresses.uniquenessKey(normal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "p@", "p@example", "p@example.com..", "p@.example.com",
            "p@exa mple.com", "p q@example.com", "p@-example.com", "p@exam_ple.com", "p\u0000@example.com",
            "p\u202E@example.com", "p@ex\u202Eample.com", "a@b@example.com"})
    void normaliseWhenNotAnAddressThenInvalidEmailField(String raw) {
        assertThatThrownBy(() -> Emails.normalise(raw)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.details().fieldErrors()).containsKey("email");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"A@Example.com.", "a@example.com", " a@EXAMPLE.com ", "\uFF41@example.com"})
    void uniquenessKeyWhenVariantsThenSameKey(String raw) {
        assertThat(EmailAddresses.uniquenessKey(raw)).isEqualTo("a@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@service-accounts.invalid.", "x@SERVICE-ACCOUNTS.invalid",
            "x@\uFF53ervice-accounts.invalid", "x@service-accounts\uFF0Einvalid"})
    void isAtWhenReservedDomainSpelledOtherwiseThenStillAt(String raw) {
        assertThat(EmailAddresses.isAt(raw, "service-accounts.invalid")).isTrue();
    }

    @Test
    void isAtWhenSubdomainOfReservedDomainThenAtAndWhenOnlyASuffixOfALabelThenNot() {
        assertThat(EmailAddresses.isAt("p@x.service-accounts.invalid", "service-accounts.invalid")).isTrue();
        assertThat(EmailAddresses.isAt("p@X.Service-Accounts.Invalid.", "service-accounts.invalid")).isTrue();
        assertThat(EmailAddresses.isAt("p@myservice-accounts.invalid", "service-accounts.invalid")).isFalse();
    }
}
