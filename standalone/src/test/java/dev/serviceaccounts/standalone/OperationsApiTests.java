package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Health probes and Prometheus metrics of both apps (README "Operations", docs/decisions.md D45): anyone sees the
 * status of the health and of the liveness and readiness probes, nothing more; the operator sees the details and
 * scrapes {@code /actuator/prometheus}: token requests by outcome with their latency, commands by outcome, the
 * processors' lag.
 */
class OperationsApiTests {

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();
    private static final List<String> PUBLIC_HEALTH = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    @Test
    void whenAnonymousOrWithABadTokenThenHealthAndBothProbesShowTheStatusOnly() {
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            for (String path : PUBLIC_HEALTH) {
                for (String token : new String[] {null, "not-a-token"}) {
                    HttpResponse<String> health = api.get(base + path, token);
                    assertThat(health.statusCode()).as(base + path).isEqualTo(200);
                    JsonNode body = Api.json(health);
                    assertThat(body.get("status").asText()).isEqualTo("UP");
                    // Spring Boot names the groups at the root, whatever is shown: names, no state
                    List<String> fields = new java.util.ArrayList<>();
                    body.fieldNames().forEachRemaining(fields::add);
                    assertThat(fields).as("status only: " + body).isSubsetOf("status", "groups");
                }
            }
        }
    }

    @Test
    void whenOperatorThenHealthDetailsNameMongoTheTokenViewAndTheProcessors() {
        String operator = api.operatorToken();

        JsonNode query = Api.json(api.get(system.queryUrl() + "/actuator/health/details", operator)).get("components");
        assertThat(query.at("/mongo/status").asText()).isEqualTo("UP");
        assertThat(query.at("/mongo/details/database").asText()).isEqualTo(TestSystem.DATABASE);
        assertThat(query.at("/tokenView/status").asText()).isEqualTo("UP");
        assertThat(query.at("/tokenView/details/caughtUp").asBoolean()).isTrue();
        assertThat(query.at("/processors/status").asText()).isEqualTo("UP");
        assertThat(query.at("/processors/details/audit-events/running").asBoolean()).isTrue();
        assertThat(query.at("/processors/details/token-eligibility-instance").has("error")).isFalse();
        assertThat(query.at("/readinessState/status").asText()).isEqualTo("UP");
        assertThat(query.at("/livenessState/status").asText()).isEqualTo("UP");

        JsonNode command = Api.json(api.get(system.commandUrl() + "/actuator/health/details", operator))
                .get("components");
        assertThat(command.at("/mongo/status").asText()).isEqualTo("UP");
        assertThat(command.at("/readinessState/status").asText()).isEqualTo("UP");
    }

    @Test
    void whenTheProbesThenReadinessIsMongoAndTheTokenViewAndLivenessTheAppAlone() {
        ConfigurableApplicationContext querySide = system.apps().querySide();
        ConfigurableApplicationContext commandSide = system.apps().commandSide();

        HealthEndpointGroups query = querySide.getBean(HealthEndpointGroups.class);
        assertThat(List.of("readinessState", "mongo", "tokenView")).allMatch(query.get("readiness")::isMember);
        assertThat(query.get("readiness").isMember("processors")).as("a view's error is no reason to stop serving")
                .isFalse();
        assertThat(query.get("liveness").isMember("livenessState")).isTrue();
        assertThat(query.get("liveness").isMember("mongo")).as("a restart does not bring MongoDB back").isFalse();
        HealthEndpointGroups command = commandSide.getBean(HealthEndpointGroups.class);
        assertThat(List.of("readinessState", "mongo")).allMatch(command.get("readiness")::isMember);
        assertThat(command.get("liveness").isMember("mongo")).isFalse();
    }

    @Test
    void whenTokenRequestsThenPrometheusCountsThemByOutcomeWithTheirLatency() {
        String operator = api.operatorToken();
        Map<String, String> outcomes = Map.of(
                "issued", "grant_type=client_credentials",
                "invalid_scope", "grant_type=client_credentials&scope=no-such-tool:admin",
                "unsupported_grant_type", "grant_type=password",
                "invalid_request", "scope=documents:read-only");
        Map<String, Double> before = new java.util.HashMap<>();
        String scrape = scrape(system.queryUrl(), operator);
        outcomes.keySet().forEach(outcome -> before.put(outcome, tokenRequests(scrape, outcome)));
        double invalidClientBefore = tokenRequests(scrape, "invalid_client");

        outcomes.forEach((outcome, body) -> {
            HttpResponse<String> answer = api.tokenForm(body, "Authorization",
                    Api.basic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET));
            assertThat(answer.body()).as(outcome).contains(outcome.equals("issued") ? "access_token" : outcome);
        });
        assertThat(api.tokenBasic("unknown-" + UUID.randomUUID(), "wrong").statusCode()).isEqualTo(401);

        String after = scrape(system.queryUrl(), operator);
        outcomes.keySet().forEach(outcome ->
                assertThat(tokenRequests(after, outcome)).as(outcome).isGreaterThanOrEqualTo(before.get(outcome) + 1));
        assertThat(tokenRequests(after, "invalid_client")).isGreaterThanOrEqualTo(invalidClientBefore + 1);
        assertThat(sample(after, "sa_token_requests_seconds_max", "endpoint=\"token\",outcome=\"invalid_client\""))
                .as("the failure delay is in the latency").isGreaterThanOrEqualTo(0.25);
        assertThat(after).contains("sa_token_requests_seconds_bucket{endpoint=\"token\",outcome=\"issued\",le=");
    }

    @Test
    void whenCommandsThenPrometheusCountsThemPerCommandAndOutcome() {
        String operator = api.operatorToken();
        String labels2xx = "command=\"company.create\",outcome=\"2xx\"";
        String labels4xx = "command=\"serviceAccount.create\",outcome=\"4xx\"";
        String before = scrape(system.commandUrl(), operator);

        String companyId = api.createCompany(operator, "Metrics " + UUID.randomUUID());
        assertThat(api.createServiceAccount(operator, companyId, Map.of("name", "x", "appType", "NOPE"))
                .statusCode()).isEqualTo(400);

        String after = scrape(system.commandUrl(), operator);
        assertThat(sample(after, "sa_command_requests_total", labels2xx)).isGreaterThanOrEqualTo(
                orZero(before, "sa_command_requests_total", labels2xx) + 1);
        assertThat(sample(after, "sa_command_requests_total", labels4xx)).isGreaterThanOrEqualTo(
                orZero(before, "sa_command_requests_total", labels4xx) + 1);
    }

    @Test
    void whenScrapedThenEachProcessorShowsItsLagAndWhetherItIsInError() {
        String scrape = scrape(system.queryUrl(), api.operatorToken());

        for (String processor : List.of("audit-events", "service-accounts-view", "token-eligibility-instance",
                "token-eligibility-state")) {
            String labels = "processor=\"" + processor + "\"";
            assertThat(sample(scrape, "sa_processor_events_behind", labels)).as(processor).isGreaterThanOrEqualTo(0);
            assertThat(sample(scrape, "sa_processor_in_error", labels)).as(processor).isEqualTo(0);
        }
    }

    @Test
    void whenATokenFromTheTokenEndpointIsUsedThenItIsAcceptedAndTheSigningProviderIsShown() {
        boolean accpPlatform = System.getProperty("os.name").toLowerCase(Locale.ROOT).equals("linux")
                && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"));

        String scrape = scrape(system.queryUrl(), api.operatorToken());

        assertThat(sample(scrape, "sa_token_signing_provider", "provider=\"" + (accpPlatform ? "accp" : "jdk") + "\""))
                .as("the token that read this was signed by the provider named").isEqualTo(1);
    }

    private static String scrape(String base, String operator) {
        HttpResponse<String> scrape = api.get(base + "/actuator/prometheus", operator);
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        return scrape.body();
    }

    private static double tokenRequests(String scrape, String outcome) {
        return orZero(scrape, "sa_token_requests_seconds_count", "endpoint=\"token\",outcome=\"" + outcome + "\"");
    }

    private static double orZero(String scrape, String name, String labels) {
        return find(scrape, name, labels).map(Double::parseDouble).orElse(0.0);
    }

    private static double sample(String scrape, String name, String labels) {
        return Double.parseDouble(find(scrape, name, labels)
                .orElseThrow(() -> new AssertionError(name + "{" + labels + "} not in\n" + scrape)));
    }

    private static java.util.Optional<String> find(String scrape, String name, String labels) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name + "{" + labels) + ",?\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        return sample.find() ? java.util.Optional.of(sample.group(1)) : java.util.Optional.empty();
    }
}
