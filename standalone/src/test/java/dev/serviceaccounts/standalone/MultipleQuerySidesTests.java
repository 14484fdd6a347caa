package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.ProblemResponses;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.FreshnessProbe;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several query-side instances on one MongoDB: a second one (B) next to the system's own (A). B's token
 * view follows every change, whoever holds the shared processor's segment: an account created after B started
 * gets a token from B; one B loaded at start and then deactivated through A's command side is refused by
 * B; B's tokens are accepted by A's command side (one signing key, in MongoDB, published in the JWKS); and a
 * 2xx from the command side is seen by B's very next token request.
 */
class MultipleQuerySidesTests {

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();
    private static String operator;
    private static String companyId;
    private static JsonNode knownBeforeStart;
    private static ConfigurableApplicationContext second;
    private static Api onSecond;

    @BeforeAll
    static void startSecondQuerySide() {
        TestCompany company = api.company("Two query sides " + UUID.randomUUID());
        operator = company.operator();
        companyId = company.id();
        knownBeforeStart = company.account("known before B");
        second = system.apps().startAnotherQuerySide();
        onSecond = api.onQuerySide(ServiceAccountsSystem.url(second));
    }

    @AfterAll
    static void stopSecondQuerySide() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void whenAccountCreatedAfterSecondStartedThenSecondIssuesItsToken() {
        JsonNode account = api.createCustomAccount(operator, companyId, "created after B");

        assertThat(onSecond.tokenBasic(account.get("clientId").asText(), account.get("clientSecret").asText())
                .statusCode()).isEqualTo(200);
        assertThat(api.tokenBasic(account.get("clientId").asText(), account.get("clientSecret").asText())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void whenAccountLoadedAtStartIsDeactivatedThroughFirstThenBothRefuse() {
        String clientId = knownBeforeStart.get("clientId").asText();
        String secret = knownBeforeStart.get("clientSecret").asText();
        assertThat(onSecond.tokenBasic(clientId, secret).statusCode()).isEqualTo(200);

        assertThat(api.command("POST", "/companies/" + companyId + "/service-accounts/"
                + knownBeforeStart.get("id").asText() + ":deactivate", operator, null).statusCode()).isEqualTo(200);

        HttpResponse<String> fromSecond = onSecond.tokenBasic(clientId, secret);
        assertThat(fromSecond.statusCode()).isEqualTo(401);
        assertThat(Api.json(fromSecond).get("error").asText()).isEqualTo("invalid_client");
        assertThat(api.tokenBasic(clientId, secret).statusCode()).isEqualTo(401);
    }

    /**
     * B processes no segment of the service-account view (A, up first, holds them): a rebuild asked of B would leave
     * A writing into the old collection after the switch, so B refuses it (docs/decisions.md D39); A, which holds
     * them all, would accept it.
     */
    @Test
    void whenRebuildAskedOfTheInstanceThatHoldsNoSegmentThenConflictNamingTheSegments() {
        JsonNode onB = Api.json(onSecond.query(operator, ProcessorStatusApiTests.PROCESSORS + "/service-accounts-view"));
        assertThat(onB.path("segments").findValuesAsText("claimedHere")).as(onB.toString()).doesNotContain("true");

        HttpResponse<String> refused = onSecond.send(HttpRequest.newBuilder(URI.create(ServiceAccountsSystem.url(second)
                        + ProcessorStatusApiTests.PROCESSORS + "/service-accounts-view:replay"))
                .header("Authorization", "Bearer " + operator).POST(HttpRequest.BodyPublishers.noBody()));

        ProblemResponses.assertProblem(refused, 409, "SEGMENTS_ELSEWHERE");
        assertThat(Api.json(refused).path("segmentsElsewhere").size()).as(refused.body()).isPositive();
        JsonNode after = Api.json(onSecond.query(operator, ProcessorStatusApiTests.PROCESSORS + "/service-accounts-view"));
        assertThat(after.path("rebuild").isMissingNode() || after.path("rebuild").isNull()).as("no rebuild on B")
                .isTrue();
    }

    @Test
    void whenTokenIssuedBySecondThenFirstCommandSideAcceptsIt() {
        String fromSecond = Api.accessToken(onSecond.tokenBasic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET));

        HttpResponse<String> created = api.postJson(system.commandUrl() + "/api/v1/companies", fromSecond,
                Map.of("name", "Made with B's token " + UUID.randomUUID()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** docs/decisions.md D24: a revocation answered by one instance is seen by the next request on any other. */
    @Test
    void whenTokenRevokedOnSecondThenFirstsApisAndIntrospectionRefuseItAtOnce() {
        JsonNode account = api.createCustomAccount(operator, companyId, "revoked on B " + UUID.randomUUID());
        String clientId = account.get("clientId").asText();
        String secret = account.get("clientSecret").asText();
        String token = Api.accessToken(api.tokenBasic(clientId, secret));

        assertThat(onSecond.clientPost("/oauth/revoke", clientId, secret, Api.formBody("token", token)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> introspected = api.clientPost("/oauth/introspect", clientId, secret,
                Api.formBody("token", token));
        assertThat(Api.json(introspected).get("active").asBoolean()).as("introspected on A").isFalse();
        ProblemResponses.assertTokenRevoked(api.query(token, "/api/v1/companies/" + companyId));
        ProblemResponses.assertTokenRevoked(api.command("POST", "/companies/" + companyId + "/service-accounts",
                token, Map.of("name", "never made", "appType", "CUSTOM")));
    }

    @ParameterizedTest
    @EnumSource(FreshnessProbe.Command.class)
    void whenCommandAnsweredThenSecondsVeryNextTokenRequestSeesIt(FreshnessProbe.Command command) throws Exception {
        double lateBefore = FreshnessTests.acceptedAfterDelay(second);

        FreshnessProbe.Result result = new FreshnessProbe(api, onSecond, operator, companyId)
                .run(command, FreshnessTests.ROUNDS, FreshnessTests.THREADS);

        assertThat(result.stale()).as("stale answers of %s on the second instance", command).isEmpty();
        assertThat(FreshnessTests.acceptedAfterDelay(second)).isEqualTo(lateBefore);
    }
}
