package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command API over HTTP: who may call it (docs/design.md §4: operator, or Admin-tool ADMIN of that company for
 * accounts, Directory-tool ADMIN for permissions; another company is 404) and how bad input is answered
 * (RFC 9457 problem+json with per-field errors; never 500).
 */
class CommandApiTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private String operatorToken;
    private String companyId;

    @BeforeEach
    void setUp() {
        operatorToken = api.operatorToken();
        companyId = api.createCompany(operatorToken, "Api Co " + UUID.randomUUID());
    }

    @Test
    void createWhenNoTokenThen401Problem() {
        HttpResponse<String> response = api.createServiceAccount(null, companyId, Map.of("name", "x", "appType", "CUSTOM"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void createWhenTokenForgedThen401() {
        String forged = operatorToken.substring(0, operatorToken.lastIndexOf('.') + 1) + "AAAA";
        assertThat(api.createServiceAccount(forged, companyId, Map.of("name", "x", "appType", "CUSTOM")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void createCompanyWhenCallerIsServiceAccountThen403() {
        String adminToken = tokenOfAccountWith("ADMIN", "ADMIN");
        HttpResponse<String> response = api.postJson(system.commandUrl() + "/api/v1/companies", adminToken,
                Map.of("name", "Not allowed"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void createWhenCallerIsCompanyAdminThenCreated() {
        String adminToken = tokenOfAccountWith("ADMIN", "ADMIN");
        HttpResponse<String> response = api.createServiceAccount(adminToken, companyId,
                Map.of("name", "made by an admin", "appType", "MARKETPLACE", "marketplaceAppId", "app-7"));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Api.json(response).get("marketplaceAppId").asText()).isEqualTo("app-7");
    }

    @Test
    void createWhenCallerHasOnlyStandardOnAdminToolThen403() {
        String token = tokenOfAccountWith("ADMIN", "STANDARD");
        HttpResponse<String> response = api.createServiceAccount(token, companyId, Map.of("name", "x", "appType", "CUSTOM"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Api.json(response).get("type").asText()).isEqualTo("urn:service-accounts:problem:forbidden");
    }

    @Test
    void createWhenCallerIsAdminOfAnotherToolThen403() {
        String token = tokenOfAccountWith("DOCUMENTS", "ADMIN");
        assertThat(api.createServiceAccount(token, companyId, Map.of("name", "x", "appType", "CUSTOM")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void createWhenCallerIsDirectoryAdminThenCreatedByEscalation() {
        String token = tokenOfAccountWith("DIRECTORY", "ADMIN");
        assertThat(api.createServiceAccount(token, companyId, Map.of("name", "x", "appType", "CUSTOM")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void createWhenCompanyIsAnotherCompanysThen404() {
        String adminToken = tokenOfAccountWith("ADMIN", "ADMIN");
        String otherCompany = api.createCompany(operatorToken, "Other Co " + UUID.randomUUID());
        HttpResponse<String> response = api.createServiceAccount(adminToken, otherCompany,
                Map.of("name", "x", "appType", "CUSTOM"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Api.json(response).get("type").asText()).isEqualTo("urn:service-accounts:problem:not-found");
    }

    @Test
    void createWhenCompanyUnknownThen404ForOperator() {
        assertThat(api.createServiceAccount(operatorToken, UUID.randomUUID().toString(),
                Map.of("name", "x", "appType", "CUSTOM")).statusCode()).isEqualTo(404);
        assertThat(api.createServiceAccount(operatorToken, "not-a-uuid",
                Map.of("name", "x", "appType", "CUSTOM")).statusCode()).isEqualTo(404);
    }

    @Test
    void grantWhenRightRevokedThenNextRequestForbidden() {
        JsonNode admin = api.createCustomAccount(operatorToken, companyId, "directory admin");
        assertThat(api.grant(operatorToken, companyId, admin.get("id").asText(), "DIRECTORY", "ADMIN").statusCode())
                .isEqualTo(200);
        String adminToken = Api.accessToken(api.tokenBasic(admin.get("clientId").asText(), admin.get("clientSecret").asText()));
        JsonNode target = api.createCustomAccount(operatorToken, companyId, "target");
        assertThat(api.grant(adminToken, companyId, target.get("id").asText(), "REPORTS", "READ_ONLY").statusCode())
                .isEqualTo(200);

        assertThat(api.grant(operatorToken, companyId, admin.get("id").asText(), "DIRECTORY", "NONE").statusCode())
                .isEqualTo(200);

        assertThat(api.grant(adminToken, companyId, target.get("id").asText(), "REPORTS", "STANDARD").statusCode())
                .as("the revoked right counts on the very next request, with the same token").isEqualTo(403);
    }

    @Test
    void grantWhenCallerIsAdminToolAdminOnlyThen403() {
        String token = tokenOfAccountWith("ADMIN", "ADMIN");
        JsonNode target = api.createCustomAccount(operatorToken, companyId, "target");
        assertThat(api.grant(token, companyId, target.get("id").asText(), "REPORTS", "READ_ONLY").statusCode())
                .as("permissions need Directory-tool ADMIN").isEqualTo(403);
    }

    @Test
    void grantWhenAccountInAnotherCompanyThen404() {
        String otherCompany = api.createCompany(operatorToken, "Other Co " + UUID.randomUUID());
        JsonNode foreign = api.createCustomAccount(operatorToken, otherCompany, "foreign");
        assertThat(api.grant(operatorToken, companyId, foreign.get("id").asText(), "REPORTS", "READ_ONLY").statusCode())
                .isEqualTo(404);
        assertThat(api.grant(operatorToken, companyId, UUID.randomUUID().toString(), "REPORTS", "READ_ONLY").statusCode())
                .isEqualTo(404);
    }

    @Test
    void grantWhenToolOrLevelUnknownThen400WithFieldError() {
        JsonNode target = api.createCustomAccount(operatorToken, companyId, "target");
        HttpResponse<String> badTool = api.grant(operatorToken, companyId, target.get("id").asText(), "HAMMERS", "ADMIN");
        assertThat(badTool.statusCode()).isEqualTo(400);
        assertThat(Api.json(badTool).get("errors").has("tool")).isTrue();
        HttpResponse<String> badLevel = api.grant(operatorToken, companyId, target.get("id").asText(), "REPORTS", "GOD");
        assertThat(badLevel.statusCode()).isEqualTo(400);
        assertThat(Api.json(badLevel).get("errors").has("level")).isTrue();
    }

    @Test
    void createWhenFieldsInvalidThen400ListingEachField() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "  ");
        body.put("appType", "CUSTOM");
        body.put("marketplaceAppId", "app-1");
        HttpResponse<String> response = api.createServiceAccount(operatorToken, companyId, body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = Api.json(response).get("errors");
        assertThat(errors.has("name")).isTrue();
        assertThat(errors.has("marketplaceAppId")).isTrue();

        HttpResponse<String> noAppId = api.createServiceAccount(operatorToken, companyId,
                Map.of("name", "m", "appType", "MARKETPLACE"));
        assertThat(noAppId.statusCode()).isEqualTo(400);
        assertThat(Api.json(noAppId).get("errors").has("marketplaceAppId")).isTrue();

        HttpResponse<String> badType = api.createServiceAccount(operatorToken, companyId, Map.of("name", "m", "appType", "ROBOT"));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(Api.json(badType).get("errors").has("appType")).isTrue();
    }

    @Test
    void createWhenBodyMalformedOrWrongMediaTypeThenClientErrorNot500() {
        String url = system.commandUrl() + "/api/v1/companies/" + companyId + "/service-accounts";
        HttpResponse<String> malformed = api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> text = api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> empty = api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void viewsWhenAnotherCompanyThen404AndAuditorMayRead() {
        String auditor = tokenOfAccountWith("ADMIN", "READ_ONLY");
        assertThat(statusWithin(auditor, "/api/v1/companies/" + companyId + "/service-accounts", 200))
                .as("the query side reads rights from its view: granted within a second").isEqualTo(200);
        String otherCompany = api.createCompany(operatorToken, "Other Co " + UUID.randomUUID());
        assertThat(api.query(auditor, "/api/v1/companies/" + otherCompany + "/service-accounts").statusCode()).isEqualTo(404);
        String nobody = tokenOfAccountWith("DOCUMENTS", "ADMIN");
        assertThat(api.query(nobody, "/api/v1/companies/" + companyId + "/service-accounts").statusCode()).isEqualTo(403);
        assertThat(api.query("not-a-token", "/api/v1/companies/" + companyId + "/service-accounts").statusCode()).isEqualTo(401);
    }

    /** @return the status of GET {@code path}, repeated for up to a second until it is {@code expected} */
    private int statusWithin(String token, String path, int expected) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(1).toNanos();
        int status;
        do {
            status = api.query(token, path).statusCode();
        } while (status != expected && System.nanoTime() < deadline);
        return status;
    }

    /** @return an access token of a new account of the company with {@code level} on company {@code tool} */
    private String tokenOfAccountWith(String tool, String level) {
        JsonNode account = api.createCustomAccount(operatorToken, companyId, tool + " " + level);
        assertThat(api.grant(operatorToken, companyId, account.get("id").asText(), tool, level).statusCode()).isEqualTo(200);
        return Api.accessToken(api.tokenBasic(account.get("clientId").asText(), account.get("clientSecret").asText()));
    }
}
