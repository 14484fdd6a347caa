package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md §4 "No credential carries more than its issuer holds", over HTTP, per command that hands out a
 * secret. An Admin-tool admin may rotate only an account that holds nothing it lacks itself (company and
 * project level); reset and create hand out an account with no permission, so they stay open to it.
 */
class CredentialIssuanceApiTests {

    private final Api api = TestSystem.shared().api();
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("Issuance Co " + UUID.randomUUID());
    }

    /** The escalation this rule stops: M holds Admin-tool ADMIN only, D holds Directory ADMIN; M rotates D. */
    @Test
    void rotateWhenTargetHoldsDirectoryAdminAndCallerOnlyAdminToolAdminThen403AndSecretUnchanged() {
        JsonNode d = company.account("D");
        company.grant(d, "DIRECTORY", "ADMIN");
        String m = tokenOf(company.account("M"), "ADMIN", "ADMIN");
        JsonNode before = company.awaitView(d, view -> view.get("permissions").has("DIRECTORY"));

        HttpResponse<String> rotate = api.command("POST", company.path(d) + "/secret:rotate", m, Map.of("graceSeconds", 86400));

        assertForbidden(rotate);
        assertThat(rotate.body()).doesNotContain("clientSecret");
        assertThat(api.tokenBasic(d.get("clientId").asText(), d.get("clientSecret").asText()).statusCode())
                .as("D's own secret still works").isEqualTo(200);
        assertThat(Api.withoutLastUsed(company.view(d).get("secrets"))).as("D's secrets unchanged")
                .isEqualTo(Api.withoutLastUsed(before.get("secrets")));
        assertThat(company.accountCommand(d, "POST", "/secret:rotate", Map.of("graceSeconds", 0)).statusCode())
                .as("nothing was rotated: a first rotation is still possible").isEqualTo(200);
    }

    @Test
    void rotateWhenTargetHoldsAHigherProjectLevelThen403() {
        JsonNode d = company.account("D");
        project(d, "p-1", "RFIS", "ADMIN");
        JsonNode caller = company.account("M");
        project(caller, "p-1", "RFIS", "STANDARD");
        String m = tokenOf(caller, "ADMIN", "ADMIN");

        assertForbidden(api.command("POST", company.path(d) + "/secret:rotate", m, Map.of("graceSeconds", 60)));
        assertThat(api.tokenBasic(d.get("clientId").asText(), d.get("clientSecret").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rotateWhenCallerHoldsEverythingTheTargetHoldsThenRotated() {
        JsonNode d = company.account("D");
        company.grant(d, "DOCUMENTS", "READ_ONLY");
        project(d, "p-1", "RFIS", "STANDARD");
        JsonNode caller = company.account("M");
        company.grant(caller, "DOCUMENTS", "STANDARD");
        project(caller, "p-1", "RFIS", "ADMIN");
        String m = tokenOf(caller, "ADMIN", "ADMIN");

        HttpResponse<String> rotate = api.command("POST", company.path(d) + "/secret:rotate", m, Map.of("graceSeconds", 60));

        assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(200);
        assertThat(Api.json(rotate).get("clientSecret").asText()).isNotBlank();
    }

    @Test
    void resetWhenTargetHoldsDirectoryAdminAndCallerOnlyAdminToolAdminThenResetWithNoPermission() {
        JsonNode d = company.account("D");
        company.grant(d, "DIRECTORY", "ADMIN");
        project(d, "p-1", "RFIS", "ADMIN");
        String m = tokenOf(company.account("M"), "ADMIN", "ADMIN");

        HttpResponse<String> reset = api.command("POST", company.path(d) + "/secret:reset", m, null);

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        JsonNode view = company.awaitView(d, v -> v.get("permissions").isEmpty() && v.get("projects").isEmpty());
        assertThat(view.get("reasons").toString()).contains("NO_PERMISSIONS");
    }

    @Test
    void createWhenCallerOnlyAdminToolAdminThenCreatedWithNoPermission() {
        String m = tokenOf(company.account("M"), "ADMIN", "ADMIN");

        HttpResponse<String> created = api.createServiceAccount(m, company.id(), Map.of("name", "new", "appType", "CUSTOM"));

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

    private void project(JsonNode account, String projectId, String tool, String level) {
        assertThat(company.accountCommand(account, "PUT", "/projects/" + projectId,
                Map.of("permissions", Map.of(tool, level))).statusCode()).isEqualTo(200);
    }

    private String tokenOf(JsonNode account, String tool, String level) {
        company.grant(account, tool, level);
        return company.token(account);
    }
}
