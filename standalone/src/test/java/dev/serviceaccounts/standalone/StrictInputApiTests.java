package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies are strict JSON on both apps, and names are text (400 listing each field):
 * a number or boolean is not a name, nothing may follow the JSON value, and a name holds no control or
 * bidirectional override/isolate character.
 */
class StrictInputApiTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("Strict Co " + UUID.randomUUID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":1}", "{\"name\":1.5}", "{\"name\":true}", "{\"name\":{\"x\":1}}", "{\"name\":[\"a\"]}"})
    void createCompanyWhenNameIsNotTextThen400ListingName(String body) {
        assertFieldError(raw("POST", "/companies", body), "name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":7,\"appType\":\"CUSTOM\"}", "{\"name\":\"n\",\"appType\":false}"})
    void createServiceAccountWhenFieldIsNotTextThen400ListingIt(String body) {
        HttpResponse<String> response = raw("POST", "/companies/" + company.id() + "/service-accounts", body);
        assertFieldError(response, body.contains("7") ? "name" : "appType");
    }

    @Test
    void createPersonWhenEmailIsNumberThen400ListingEmail() {
        assertFieldError(raw("POST", "/companies/" + company.id() + "/directory/people", "{\"name\":\"P\",\"email\":42}"),
                "email");
    }

    @Test
    void patchServiceAccountWhenTrailingGarbageThen400() {
        String id = company.account("patched").get("id").asText();
        for (String body : new String[] {"{}x", "{\"name\":\"new\"}x", "{} {}", "{\"name\":\"new\"}]"}) {
            HttpResponse<String> response = raw("PATCH", "/companies/" + company.id() + "/service-accounts/" + id, body);
            assertProblem(response);
        }
        JsonNode view = api.awaitQuery(company.operator(), "/api/v1/companies/" + company.id() + "/service-accounts/" + id,
                v -> true, java.time.Duration.ofSeconds(10));
        assertThat(view.get("name").asText()).as("nothing applied").isEqualTo("patched");
    }

    @Test
    void patchContactWhenTrailingGarbageThen400() {
        HttpResponse<String> created = company.createPerson("Trail", "trail-" + UUID.randomUUID() + "@example.com");
        String contact = Api.json(created).get("id").asText();
        assertProblem(raw("PATCH", "/companies/" + company.id() + "/directory/contacts/" + contact,
                "{\"email\":\"other@example.com\"}x"));
    }

    @Test
    void createCompanyWhenTrailingGarbageThen400() {
        assertProblem(raw("POST", "/companies", "{\"name\":\"Trailing Co\"}x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme\u0000Corp", "\u0000", "Acme\u202Eproc", "Acme\u202A", "Acme\u2066x\u2069", "Acme\nCorp",
            "Acme\u0007", "Acme\u202D"})
    void nameWhenControlOrBidiCharacterThen400ListingNameOnEveryNameField(String name) {
        assertFieldError(api.command("POST", "/companies", company.operator(), Map.of("name", name)), "name");
        assertFieldError(api.createServiceAccount(company.operator(), company.id(),
                Map.of("name", name, "appType", "CUSTOM")), "name");
        assertFieldError(company.createPerson(name, "n-" + UUID.randomUUID() + "@example.com"), "name");
        JsonNode renamed = company.account("renamed");
        assertFieldError(company.accountCommand(renamed, "PATCH", "", Map.of("name", name)), "name");
    }

    @Test
    void nameWhenRightToLeftScriptWithoutOverridesThenAccepted() {
        HttpResponse<String> response = api.command("POST", "/companies", company.operator(),
                Map.of("name", "\u05D7\u05D1\u05E8\u05D4 " + UUID.randomUUID()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void tokenRequestWhenJsonBodyHasTrailingGarbageThenInvalidRequestOnQuerySide() {
        JsonNode account = company.account("json client");
        String body = Api.write(Map.of("grant_type", "client_credentials", "client_id", account.get("clientId").asText(),
                "client_secret", account.get("clientSecret").asText()));
        HttpResponse<String> clean = tokenJson(body);
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
        HttpResponse<String> trailing = tokenJson(body + "x");
        assertThat(trailing.statusCode()).as(trailing.body()).isEqualTo(400);
        assertThat(Api.json(trailing).get("error").asText()).isEqualTo("invalid_request");
    }

    private HttpResponse<String> tokenJson(String body) {
        return api.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + "/oauth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> raw(String method, String path, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + company.operator()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(problem.get("type").asText()).isEqualTo("urn:service-accounts:problem:invalid-field");
    }

    private static void assertFieldError(HttpResponse<String> response, String field) {
        assertProblem(response);
        assertThat(Api.json(response).get("errors").has(field)).as(response.body()).isTrue();
    }
}
