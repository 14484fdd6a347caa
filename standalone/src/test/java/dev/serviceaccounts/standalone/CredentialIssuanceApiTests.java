package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md §4 "No credential carries more than its issuer holds", over HTTP, per command that hands out a
 * secret. An Admin-tool admin may rotate only an account that holds nothing it lacks itself (company and
 * project level); reset and create hand out an account with no permission, so they stay open to it.
 */
class CredentialIssuanceApiTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private String operator;
    private String companyId;

    @BeforeEach
    void setUp() {
        operator = api.operatorToken();
        companyId = api.createCompany(operator, "Issuance Co " + UUID.randomUUID());
    }

    /** The escalation this rule stops: M holds Admin-tool ADMIN only, D holds Directory ADMIN; M rotates D. */
    @Test
    void rotateWhenTargetHoldsDirectoryAdminAndCallerOnlyAdminToolAdminThen403AndSecretUnchanged() {
        JsonNode d = account("D");
        grant(d, "DIRECTORY", "ADMIN");
        String m = tokenOf(account("M"), "ADMIN", "ADMIN");
        JsonNode before = awaitView(d, view -> view.get("permissions").has("DIRECTORY"));

        HttpResponse<String> rotate = api.command("POST", path(d) + "/secret:rotate", m, Map.of("graceSeconds", 86400));

        assertForbidden(rotate);
        assertThat(rotate.body()).doesNotContain("clientSecret");
        assertThat(api.tokenBasic(d.get("clientId").asText(), d.get("clientSecret").asText()).statusCode())
                .as("D's own secret still works").isEqualTo(200);
        assertThat(view(d).get("secrets")).as("D's secrets unchanged").isEqualTo(before.get("secrets"));
        assertThat(api.command("POST", path(d) + "/secret:rotate", operator, Map.of("graceSeconds", 0)).statusCode())
                .as("nothing was rotated: a first rotation is still possible").isEqualTo(200);
    }

    @Test
    void rotateWhenTargetHoldsAHigherProjectLevelThen403() {
        JsonNode d = account("D");
        project(d, "p-1", "RFIS", "ADMIN");
        JsonNode caller = account("M");
        project(caller, "p-1", "RFIS", "STANDARD");
        String m = tokenOf(caller, "ADMIN", "ADMIN");

        assertForbidden(api.command("POST", path(d) + "/secret:rotate", m, Map.of("graceSeconds", 60)));
        assertThat(api.tokenBasic(d.get("clientId").asText(), d.get("clientSecret").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rotateWhenCallerHoldsEverythingTheTargetHoldsThenRotated() {
        JsonNode d = account("D");
        grant(d, "DOCUMENTS", "READ_ONLY");
        project(d, "p-1", "RFIS", "STANDARD");
        JsonNode caller = account("M");
        grant(caller, "DOCUMENTS", "STANDARD");
        project(caller, "p-1", "RFIS", "ADMIN");
        String m = tokenOf(caller, "ADMIN", "ADMIN");

        HttpResponse<String> rotate = api.command("POST", path(d) + "/secret:rotate", m, Map.of("graceSeconds", 60));

        assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(200);
        assertThat(Api.json(rotate).get("clientSecret").asText()).isNotBlank();
    }

    @Test
    void resetWhenTargetHoldsDirectoryAdminAndCallerOnlyAdminToolAdminThenResetWithNoPermission() {
        JsonNode d = account("D");
        grant(d, "DIRECTORY", "ADMIN");
        project(d, "p-1", "RFIS", "ADMIN");
        String m = tokenOf(account("M"), "ADMIN", "ADMIN");

        HttpResponse<String> reset = api.command("POST", path(d) + "/secret:reset", m, null);

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        JsonNode view = awaitView(d, v -> v.get("permissions").isEmpty() && v.get("projects").isEmpty());
        assertThat(view.get("reasons").toString()).contains("NO_PERMISSIONS");
    }

    @Test
    void createWhenCallerOnlyAdminToolAdminThenCreatedWithNoPermission() {
        String m = tokenOf(account("M"), "ADMIN", "ADMIN");

        HttpResponse<String> created = api.createServiceAccount(m, companyId, Map.of("name", "new", "appType", "CUSTOM"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Api.json(created).get("permissions").isEmpty()).isTrue();
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("CREDENTIAL_EXCEEDS_CALLER");
        assertThat(problem.get("type").asText()).isEqualTo("urn:service-accounts:problem:credential-exceeds-caller");
    }

    private JsonNode account(String name) {
        return api.createCustomAccount(operator, companyId, name);
    }

    private void grant(JsonNode account, String tool, String level) {
        assertThat(api.grant(operator, companyId, account.get("id").asText(), tool, level).statusCode()).isEqualTo(200);
    }

    private void project(JsonNode account, String projectId, String tool, String level) {
        assertThat(api.command("PUT", path(account) + "/projects/" + projectId, operator,
                Map.of("permissions", Map.of(tool, level))).statusCode()).isEqualTo(200);
    }

    private String tokenOf(JsonNode account, String tool, String level) {
        grant(account, tool, level);
        return Api.accessToken(api.tokenBasic(account.get("clientId").asText(), account.get("clientSecret").asText()));
    }

    private String path(JsonNode account) {
        return "/companies/" + companyId + "/service-accounts/" + account.get("id").asText();
    }

    private JsonNode view(JsonNode account) {
        return Api.json(api.query(operator, "/api/v1" + path(account)));
    }

    private JsonNode awaitView(JsonNode account, Predicate<JsonNode> condition) {
        return api.awaitQuery(operator, "/api/v1" + path(account), condition, Duration.ofSeconds(5));
    }
}
