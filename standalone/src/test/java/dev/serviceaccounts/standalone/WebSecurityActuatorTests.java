package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static dev.serviceaccounts.standalone.support.ProblemResponses.assertUnknownPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything under {@code /actuator} but the health status and its probes is the operator's alone, on both apps
 * (the health details and the Prometheus scrape too): the per-reason
 * counters of failed client authentications would tell whether a {@code client_id} exists. Anyone else gets
 * the 404 of an unknown path, so not even the endpoints' existence shows.
 */
class WebSecurityActuatorTests {

    private static final String FAILURES = "/actuator/metrics/sa.token.client_authentication.failures?tag=reason:unknown_client";
    private static final List<String> OPERATOR_ONLY = List.of("/actuator", "/actuator/metrics", "/actuator/info",
            FAILURES, "/actuator/prometheus", "/actuator/health/details", "/actuator/health/mongo");

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    @BeforeAll
    static void anUnknownClientFailedOnce() {
        assertThat(api.tokenBasic("unknown-" + UUID.randomUUID(), "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void whenNonePermissionTokenOfAnotherCompanyThen404OnBothApps() {
        TestCompany otherCompany = api.company("Other " + UUID.randomUUID());
        String token = otherCompany.token(otherCompany.account("none"));

        assertHidden(token);
    }

    @Test
    void whenAdminTokenOfACompanyThen404OnBothApps() {
        TestCompany company = api.company("Admins " + UUID.randomUUID());
        String token = company.token(company.account("admin", "DIRECTORY", "ADMIN"));

        assertHidden(token);
    }

    @Test
    void whenOperatorThen200OnBothApps() {
        String operator = api.operatorToken();

        HttpResponse<String> failures = api.get(system.queryUrl() + FAILURES, operator);
        assertThat(failures.statusCode()).as(failures.body()).isEqualTo(200);
        assertThat(Api.json(failures).get("name").asText()).isEqualTo("sa.token.client_authentication.failures");
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            assertThat(api.get(base + "/actuator/metrics", operator).statusCode()).isEqualTo(200);
            assertThat(api.get(base + "/actuator", operator).statusCode()).isEqualTo(200);
            assertThat(api.get(base + "/actuator/prometheus", operator).statusCode()).isEqualTo(200);
            assertThat(api.get(base + "/actuator/health/details", operator).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Spring Security observes authentications and authorizations but not each filter of its chain (docs/decisions.md
     * D61); the request meters the README documents stay.
     */
    @Test
    void whenRequestsServedThenRequestAndAuthenticationMetersExistButNoFilterChainMeters() {
        String operator = api.operatorToken();
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            assertThat(api.get(base + "/actuator/metrics", operator).statusCode()).isEqualTo(200);

            for (String meter : List.of("http.server.requests", "spring.security.authentications",
                    "spring.security.authorizations")) {
                HttpResponse<String> found = api.get(base + "/actuator/metrics/" + meter, operator);
                assertThat(found.statusCode()).as(base + " " + meter + ": " + found.body()).isEqualTo(200);
                assertThat(Api.json(found).get("name").asText()).isEqualTo(meter);
            }
            for (String meter : List.of("spring.security.filterchains", "spring.security.http.secured.requests")) {
                assertThat(api.get(base + "/actuator/metrics/" + meter, operator).statusCode())
                        .as(base + " " + meter).isEqualTo(404);
            }
            assertThat(api.get(base + "/actuator/prometheus", operator).body())
                    .contains("http_server_requests_seconds_count{")
                    .doesNotContain("spring_security_filterchains");
        }
    }

    @Test
    void whenOperatorTokenRevokedThen404OnBothApps() {
        String operator = api.operatorToken();
        assertThat(api.get(system.queryUrl() + "/actuator/metrics", operator).statusCode()).isEqualTo(200);

        assertThat(api.clientPost("/oauth/revoke", TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET,
                Api.formBody("token", operator)).statusCode()).isEqualTo(200);

        assertHidden(operator);
    }

    @Test
    void whenNoTokenThen401ChallengeAndHealthStaysOpen() {
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            for (String path : List.of("/actuator/metrics", "/actuator/prometheus", "/actuator/health/details")) {
                HttpResponse<String> metrics = api.get(base + path, null);
                assertProblem(metrics, 401, "UNAUTHORIZED");
                assertThat(metrics.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer"));
            }
            assertThat(api.get(base + "/actuator/health", null).statusCode()).isEqualTo(200);
        }
    }

    private void assertHidden(String token) {
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            JsonNode unknown = assertUnknownPath(api.get(base + "/actuator/nope", token));
            for (String path : OPERATOR_ONLY) {
                JsonNode hidden = assertUnknownPath(api.get(base + path, token));
                assertThat(hidden.get("detail")).as("the same answer as an unknown path").isEqualTo(unknown.get("detail"));
            }
            assertThat(api.get(base + "/actuator/health", token).statusCode()).isEqualTo(200);
        }
    }
}
