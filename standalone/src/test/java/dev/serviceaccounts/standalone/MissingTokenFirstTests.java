package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A newcomer whose shell variable for the token came out empty sends {@code Authorization: Bearer } (or no
 * header) to a path with an empty id, such as {@code /api/v1/companies//service-accounts}: the missing token
 * is reported (401 problem+json with the RFC 6750 challenge) before any problem of the path; with a valid
 * token the same path is 400 problem+json {@code MALFORMED_REQUEST}, never Spring's default 400.
 */
class MissingTokenFirstTests {

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    static Stream<Arguments> pathsWithAnEmptyId() {
        return Stream.of(
                Arguments.of("GET", system.queryUrl() + "/api/v1/companies//service-accounts"),
                Arguments.of("GET", system.queryUrl() + "/api/v1/companies//service-accounts/"),
                Arguments.of("GET", system.queryUrl() + "/api/v1/companies/x/service-accounts//"),
                Arguments.of("POST", system.commandUrl() + "/api/v1/companies//service-accounts"),
                Arguments.of("PUT", system.commandUrl() + "/api/v1/companies//service-accounts//permissions/company/ADMIN"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pathsWithAnEmptyId")
    void whenTokenMissingOrEmptyThen401BeforeThePathProblem(String method, String url) {
        for (String authorization : new String[] {null, "Bearer ", "Bearer", ""}) {
            HttpResponse<String> response = send(method, url, authorization);
            assertProblem(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(url + " with " + authorization)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pathsWithAnEmptyId")
    void whenTokenValidThenPathProblemIs400Problem(String method, String url) {
        HttpResponse<String> response = send(method, url, "Bearer " + api.operatorToken());
        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private static HttpResponse<String> send(String method, String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"appType\":\"CUSTOM\",\"level\":\"ADMIN\"}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }
}
