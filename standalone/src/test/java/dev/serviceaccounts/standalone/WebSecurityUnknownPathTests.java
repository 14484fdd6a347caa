package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static dev.serviceaccounts.standalone.support.ProblemResponses.assertUnknownPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only a request that matches a real endpoint needs authentication: any other path, {@code /error} and the
 * trailing-slash variant of a real path included, is 404 problem+json on both apps, with or without a token
 * (valid or not), never an authentication challenge. A real endpoint without a token stays 401 with the
 * RFC 6750 {@code WWW-Authenticate: Bearer} challenge.
 */
class WebSecurityUnknownPathTests {

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    static Stream<Arguments> unknownPaths() {
        String operator = api.operatorToken();
        return Stream.of("/oauth/jwks/", "/api/v1/nope", "/nope", "/error", "/", "/actuator/nope",
                        "/.well-known/jwks.json/", "/oauth/token/")
                .flatMap(path -> Stream.of(system.commandUrl(), system.queryUrl())
                        .flatMap(base -> Stream.of(
                                Arguments.of(base + path, "no token", null),
                                Arguments.of(base + path, "operator token", operator),
                                Arguments.of(base + path, "invalid token", "not-a-token"))));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("unknownPaths")
    void whenPathMatchesNoEndpointThen404ProblemWithoutChallenge(String url, String caller, String token) {
        assertUnknownPath(api.get(url, token));
    }

    @Test
    void whenErrorPageRequestedWithoutTokenThen404ProblemOnBothPorts() {
        assertUnknownPath(api.get(system.commandUrl() + "/error", null));
        assertUnknownPath(api.get(system.queryUrl() + "/error", null));
    }

    @Test
    void whenRealEndpointWithoutTokenThen401WithBearerChallenge() {
        String path = "/api/v1/companies/" + UUID.randomUUID() + "/service-accounts";
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            HttpResponse<String> response = base.equals(system.commandUrl())
                    ? api.postJson(base + path, null, Map.of("name", "x", "appType", "CUSTOM"))
                    : api.get(base + path, null);
            assertProblem(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
    }

    @Test
    void whenTokenRefusedByTheDecoderThenChallengeInOurWordsNotTheParsers() {
        String path = "/api/v1/companies/" + UUID.randomUUID() + "/service-accounts";
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            HttpResponse<String> response = base.equals(system.commandUrl())
                    ? api.postJson(base + path, "not-a-token", Map.of("name", "x", "appType", "CUSTOM"))
                    : api.get(base + path, "not-a-token");

            assertProblem(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                    .contains("error=\"invalid_token\"").contains("get a new one from POST /oauth/token")
                    .doesNotContainIgnoringCase("jwt").doesNotContainIgnoringCase("malformed token"));
        }
    }

    @Test
    void whenPublicEndpointWithoutTokenThen200() {
        assertThat(api.get(system.queryUrl() + "/oauth/jwks", null).statusCode()).isEqualTo(200);
        assertThat(api.get(system.commandUrl() + "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(api.get(system.queryUrl() + "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void whenPublicEndpointWithInvalidOrExpiredTokenThen200TheTokenNotRead() {
        for (String url : new String[] {system.queryUrl() + "/oauth/jwks",
                system.queryUrl() + "/.well-known/oauth-authorization-server",
                system.commandUrl() + "/actuator/health", system.queryUrl() + "/actuator/health"}) {
            assertThat(api.get(url, "not-a-token").statusCode()).as(url).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/companies/%2F/service-accounts", "/api/v1/companies/%00/service-accounts",
            "/api/v1/companies/%5C/service-accounts"})
    void whenContainerRefusesThePathThen400ProblemWithCode(String path) {
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            assertProblem(api.get(base + path, api.operatorToken()), 400, "MALFORMED_REQUEST");
        }
    }

    @Test
    void whenFirewallRejectsThePathOfATokenBearerThen400ProblemWithCode() {
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/companies//service-accounts"))
                    .header("Authorization", "Bearer " + api.operatorToken()).GET());
            assertProblem(response, 400, "MALFORMED_REQUEST");
        }
    }
}
