package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Emails are normalised before the reserved-domain check and the uniqueness check (unique per directory):
 * another spelling of the service-account domain is still reserved, and two spellings of one address
 * collide; what cannot be normalised is refused with 400.
 */
class EmailNormalisationApiTests {

    private final Api api = TestSystem.shared().api();
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("Normal Co " + UUID.randomUUID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"p@service-accounts.invalid.", "p@SERVICE-ACCOUNTS.invalid.",
            "p@\uFF53\uFF45\uFF52\uFF56\uFF49\uFF43\uFF45-accounts.invalid", "p@service-accounts\uFF0Einvalid",
            "p\uFF20service-accounts.invalid"})
    void createPersonWhenServiceAccountDomainSpelledOtherwiseThen400OnEmail(String email) {
        HttpResponse<String> response = company.createPerson("P", email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Api.json(response).get("errors").has("email")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A@Example.com.|a@example.com",
            "\uFF41@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com|a@example.com",
            "a@b\u00FCcher.example|a@xn--bcher-kva.example",
            "a@B\u00DCCHER.example.|a@xn--bcher-kva.example"})
    void createPersonWhenSecondSpellingOfTakenAddressThen409EmailTaken(String first, String second) {
        HttpResponse<String> created = company.createPerson("First", first);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> duplicate = company.createPerson("Second", second);
        assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);
        assertThat(Api.json(duplicate).get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p@example.com..", "p@exa_mple.com", "p@-example.com", "p\u202E@example.com",
            "p@exam\u0000ple.com", "p@example"})
    void createPersonWhenEmailNotNormalisableThen400OnEmail(String email) {
        HttpResponse<String> response = company.createPerson("P", email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Api.json(response).get("errors").has("email")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p@service-accounts.invalid.", "p@\uFF53ervice-accounts.invalid"})
    void changeEmailWhenServiceAccountDomainSpelledOtherwiseThen400OnEmail(String email) {
        String person = company.person("P", "p-" + UUID.randomUUID() + "@example.com");
        HttpResponse<String> response = company.changeEmail(person, email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Api.json(response).get("errors").has("email")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Taken@Example.com.", "taken@\uFF45xample.com"})
    void changeEmailWhenOtherSpellingOfTakenAddressThen409EmailTaken(String email) {
        assertThat(company.createPerson("Holder", "taken@example.com").statusCode()).isEqualTo(201);
        String person = company.person("P", "p-" + UUID.randomUUID() + "@example.com");
        HttpResponse<String> response = company.changeEmail(person, email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(Api.json(response).get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann@Example.COM.", "Ann@\uFF25xample.com"})
    void createPersonWhenDomainSpelledOtherwiseThenStoredAndAnsweredInNormalForm(String email) {
        HttpResponse<String> response = company.createPerson("Ann", email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Api.json(response);
        assertThat(body.get("email").asText()).isEqualTo("Ann@example.com");
    }
}
