package dev.serviceaccounts.standalone.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Locale;

/** Assertions on RFC 9457 answers in the project's vocabulary: {@code type}, {@code title}, {@code status}, {@code detail}, {@code code}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /**
     * Asserts that {@code response} is {@code application/problem+json} with {@code status} and {@code code},
     * and a {@code type} named after the code.
     *
     * @return the problem body
     */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        String what = response.request().method() + " " + response.request().uri() + " -> " + response.statusCode()
                + " " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("code").asText()).as(what).isEqualTo(code);
        assertThat(problem.path("type").asText()).as(what).isEqualTo(
                "urn:service-accounts:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        assertThat(problem.path("title").asText()).as(what).isNotBlank();
        assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        return problem;
    }

    /** Asserts 401 {@code TOKEN_REVOKED} with the RFC 6750 {@code invalid_token} challenge (docs/design.md §4). */
    public static JsonNode assertTokenRevoked(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 401, "TOKEN_REVOKED");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
        return problem;
    }

    /** Asserts the 404 of an unknown path: no authentication challenge, nothing of Spring's own wording. */
    public static JsonNode assertUnknownPath(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 404, "NOT_FOUND");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("no authentication challenge").isEmpty();
        assertThat(problem.path("detail").asText()).doesNotContainIgnoringCase("static resource");
        return problem;
    }
}
