package dev.serviceaccounts.standalone.fuzz;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One example of each kind of fault {@link BadInputFuzzTests} found (docs/decisions.md D46), so that each stays fixed
 * whatever the fuzz's seed draws.
 */
class FuzzFoundFaultsTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenAcceptCannotBeParsedThenTheErrorIsStillProblemJson() {
        HttpResponse<String> notAcceptable = api.send(HttpRequest.newBuilder(
                        URI.create(system.queryUrl() + "/api/v1/admin/signing-keys:rotate"))
                .header("Accept", "a/b/c").header("Authorization", "Bearer " + api.operatorToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(notAcceptable, 406, "NOT_ACCEPTABLE");
        assertProblem(api.get(system.commandUrl() + "/api/v1/unknown", api.operatorToken(),
                "Accept", "application/json;q=abc"), 404, "NOT_FOUND");
    }

    @Test
    void whenMethodIsOneTheFirewallRefusesThen400ProblemJsonNotABareStatus() {
        for (String method : new String[] {"FOO", "get", "TRACE", "M-SEARCH"}) {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(
                            URI.create(system.commandUrl() + "/api/v1/companies"))
                    .header("Authorization", "Bearer " + api.operatorToken())
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertProblem(response, 400, "MALFORMED_REQUEST");
        }
    }

    @Test
    void whenContentTypeIsAMediaRangeThenTakenAsNoneNotA500() {
        HttpResponse<String> health = api.get(system.queryUrl() + "/actuator/health", null, "Content-Type", "*/*");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        HttpResponse<String> create = api.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1/companies"))
                .header("Authorization", "Bearer " + api.operatorToken()).header("Content-Type", "application/*")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Range Co\"}")));
        assertProblem(create, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void whenAnEndpointSetsAnErrorStatusWithoutBodyThenProblemJson() {
        assertProblem(api.get(system.queryUrl() + "/actuator/health/no-such-group", api.operatorToken()), 404, "NOT_FOUND");
        assertProblem(api.get(system.commandUrl() + "/actuator/metrics/no.such.metric", api.operatorToken()),
                404, "NOT_FOUND");
    }

    @Test
    void whenTomcatRefusesARequestToAnOAuthEndpointThenRfc6749Json() throws Exception {
        String headers = ("X-H: " + "v".repeat(50) + "\r\n").repeat(200);
        Exchange tooLarge = raw("/oauth/token", "POST /oauth/token HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\nConnection: close\r\n\r\n"
                + "grant_type=client_credentials");
        Exchange expectation = raw("/oauth/revoke", "POST /oauth/revoke HTTP/1.1\r\nHost: localhost\r\nExpect: garbage\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\nConnection: close\r\n\r\ntoken=x");
        for (Exchange refused : new Exchange[] {tooLarge, expectation}) {
            assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);
            assertThat(refused.header("Content-Type")).as(refused.toString()).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.header("Cache-Control")).as(refused.toString()).hasValue("no-store");
            JsonNode error = new ObjectMapper().readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("invalid_request");
        }
        Exchange elsewhere = raw("/api/v1/companies", "GET /api/v1/companies HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "Connection: close\r\n\r\n");
        assertThat(elsewhere.header("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void whenHttpVersionOrTransferCodingIsNotImplementedThenMalformedRequestNotAnInternalError() throws Exception {
        Exchange version = raw("/api/v1/companies", "GET /api/v1/companies HTTP/1.2\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        Exchange coding = raw("/api/v1/companies", "POST /api/v1/companies HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: xchunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertThat(version.status()).isEqualTo(505);
        assertThat(coding.status()).isEqualTo(501);
        for (Exchange refused : new Exchange[] {version, coding}) {
            assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = new ObjectMapper().readTree(refused.body());
            assertThat(problem.path("code").asText()).as(refused.toString()).isEqualTo("MALFORMED_REQUEST");
            assertThat(problem.path("status").asInt()).isEqualTo(refused.status());
        }
    }

    @Test
    void whenAClientEndpointRefusesAParameterNameOutsideRfc6749sCharactersThenItsDescriptionDoesNotRepeatIt() throws Exception {
        HttpResponse<String> json = api.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + "/oauth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\",\"sc\u00f6pe\\\"\":1}")));
        HttpResponse<String> form = api.tokenForm("grant_type=client_credentials&sc%C3%B6pe=a&sc%C3%B6pe=b");
        HttpResponse<String> named = api.tokenForm("grant_type=client_credentials&scope=a&scope=b");
        for (HttpResponse<String> refused : List.of(json, form)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = Api.json(refused);
            assertThat(error.path("error").asText()).isEqualTo("invalid_request");
            assertThat(error.path("error_description").asText()).as(refused.body()).matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*");
        }
        assertThat(Api.json(named).path("error_description").asText()).isEqualTo("Parameter repeated: scope");
    }

    @Test
    void whenAFormBodyWithABadEscapeIsPutPatchedOrDeletedThenNoA500() {
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
                HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(base + "/oauth/introspect/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString("a=%Y3&b=%")));
                assertThat(response.statusCode()).as(method + " " + base + " " + response.body()).isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
    }

    @Test
    void whenARedirectRepeatsAQueryOfEscapesThatAreNotUtf8ThenItIsAnsweredNotA500() {
        String query = "?limit=" + "%FF".repeat(2_000);
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            HttpResponse<String> response = api.get(base + "/swagger-ui.html" + query, null);

            assertThat(response.statusCode()).as(base).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                    .startsWith("/swagger-ui/index.html?limit="));
        }
    }

    private Exchange raw(String path, String request) {
        String base = path.startsWith("/oauth") ? system.queryUrl() : system.commandUrl();
        return RawHttp.send(base, request.lines().findFirst().orElse(""), request.substring(0, request.indexOf(' ')),
                path, request.getBytes(StandardCharsets.UTF_8));
    }
}
