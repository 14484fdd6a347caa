package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
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
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("Api Co " + UUID.randomUUID());
    }

    @Test
    void createWhenNoTokenThen401Problem() {
        HttpResponse<String> response = api.createServiceAccount(null, company.id(), Map.of("name", "x", "appType", "CUSTOM"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void createWhenTokenForgedThen401() {
        String forged = company.operator().substring(0, company.operator().lastIndexOf('.') + 1) + "AAAA";
        assertThat(api.createServiceAccount(forged, company.id(), Map.of("name", "x", "appType", "CUSTOM")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void createCompanyWhenCallerIsServiceAccountThen403() {
        String adminToken = company.tokenWith("ADMIN", "ADMIN");
        HttpResponse<String> response = api.postJson(system.commandUrl() + "/api/v1/companies", adminToken,
                Map.of("name", "Not allowed"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void createWhenCallerIsCompanyAdminThenCreated() {
        String adminToken = company.tokenWith("ADMIN", "ADMIN");
        api.registerMarketplaceApp(company.operator(), "app-7");
        HttpResponse<String> response = api.createServiceAccount(adminToken, company.id(),
                Map.of("name", "made by an admin", "appType", "MARKETPLACE", "marketplaceAppId", "app-7"));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Api.json(response).get("marketplaceAppId").asText()).isEqualTo("app-7");
    }

    @Test
    void createWhenCallerHasOnlyStandardOnAdminToolThen403() {
        String token = company.tokenWith("ADMIN", "STANDARD");
        HttpResponse<String> response = api.createServiceAccount(token, company.id(), Map.of("name", "x", "appType", "CUSTOM"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Api.json(response).get("type").asText()).isEqualTo("urn:service-accounts:problem:forbidden");
    }

    @Test
    void createWhenCallerIsAdminOfAnotherToolThen403() {
        String token = company.tokenWith("DOCUMENTS", "ADMIN");
        assertThat(api.createServiceAccount(token, company.id(), Map.of("name", "x", "appType", "CUSTOM")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void createWhenCallerIsDirectoryAdminThenCreatedByEscalation() {
        String token = company.tokenWith("DIRECTORY", "ADMIN");
        assertThat(api.createServiceAccount(token, company.id(), Map.of("name", "x", "appType", "CUSTOM")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void createWhenCompanyIsAnotherCompanysThen404() {
        String adminToken = company.tokenWith("ADMIN", "ADMIN");
        String otherCompany = api.createCompany(company.operator(), "Other Co " + UUID.randomUUID());
        HttpResponse<String> response = api.createServiceAccount(adminToken, otherCompany,
                Map.of("name", "x", "appType", "CUSTOM"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Api.json(response).get("type").asText()).isEqualTo("urn:service-accounts:problem:not-found");
    }

    @Test
    void createWhenCompanyUnknownThen404ForOperator() {
        assertThat(api.createServiceAccount(company.operator(), UUID.randomUUID().toString(),
                Map.of("name", "x", "appType", "CUSTOM")).statusCode()).isEqualTo(404);
        assertThat(api.createServiceAccount(company.operator(), "not-a-uuid",
                Map.of("name", "x", "appType", "CUSTOM")).statusCode()).isEqualTo(404);
    }

    @Test
    void grantWhenRightRevokedThenNextRequestForbidden() {
        JsonNode admin = company.account("directory admin", "DIRECTORY", "ADMIN");
        String adminToken = company.token(admin);
        JsonNode target = company.account("target");
        assertThat(api.grant(adminToken, company.id(), target.get("id").asText(), "REPORTS", "READ_ONLY").statusCode())
                .isEqualTo(200);

        assertThat(api.grant(company.operator(), company.id(), admin.get("id").asText(), "DIRECTORY", "NONE").statusCode())
                .isEqualTo(200);

        assertThat(api.grant(adminToken, company.id(), target.get("id").asText(), "REPORTS", "STANDARD").statusCode())
                .as("the revoked right counts on the very next request, with the same token").isEqualTo(403);
    }

    @Test
    void grantWhenCallerIsAdminToolAdminOnlyThen403() {
        String token = company.tokenWith("ADMIN", "ADMIN");
        JsonNode target = company.account("target");
        assertThat(api.grant(token, company.id(), target.get("id").asText(), "REPORTS", "READ_ONLY").statusCode())
                .as("permissions need Directory-tool ADMIN").isEqualTo(403);
    }

    @Test
    void grantWhenAccountInAnotherCompanyThen404() {
        String otherCompany = api.createCompany(company.operator(), "Other Co " + UUID.randomUUID());
        JsonNode foreign = api.createCustomAccount(company.operator(), otherCompany, "foreign");
        assertThat(api.grant(company.operator(), company.id(), foreign.get("id").asText(), "REPORTS", "READ_ONLY").statusCode())
                .isEqualTo(404);
        assertThat(api.grant(company.operator(), company.id(), UUID.randomUUID().toString(), "REPORTS", "READ_ONLY").statusCode())
                .isEqualTo(404);
    }

    @Test
    void grantWhenToolOrLevelUnknownThen400WithFieldError() {
        JsonNode target = company.account("target");
        HttpResponse<String> badTool = api.grant(company.operator(), company.id(), target.get("id").asText(), "HAMMERS", "ADMIN");
        assertThat(badTool.statusCode()).isEqualTo(400);
        assertThat(Api.json(badTool).get("errors").has("tool")).isTrue();
        HttpResponse<String> badLevel = api.grant(company.operator(), company.id(), target.get("id").asText(), "REPORTS", "GOD");
        assertThat(badLevel.statusCode()).isEqualTo(400);
        assertThat(Api.json(badLevel).get("errors").has("level")).isTrue();
    }

    @Test
    void createWhenFieldsInvalidThen400ListingEachField() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "  ");
        body.put("appType", "CUSTOM");
        body.put("marketplaceAppId", "app-1");
        HttpResponse<String> response = api.createServiceAccount(company.operator(), company.id(), body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = Api.json(response).get("errors");
        assertThat(errors.has("name")).isTrue();
        assertThat(errors.has("marketplaceAppId")).isTrue();

        HttpResponse<String> noAppId = api.createServiceAccount(company.operator(), company.id(),
                Map.of("name", "m", "appType", "MARKETPLACE"));
        assertThat(noAppId.statusCode()).isEqualTo(400);
        assertThat(Api.json(noAppId).get("errors").has("marketplaceAppId")).isTrue();

        HttpResponse<String> badType = api.createServiceAccount(company.operator(), company.id(), Map.of("name", "m", "appType", "ROBOT"));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(Api.json(badType).get("errors").has("appType")).isTrue();
    }

    @Test
    void createWhenBodyMalformedOrWrongMediaTypeThenClientErrorNot500() {
        String url = system.commandUrl() + "/api/v1/companies/" + company.id() + "/service-accounts";
        HttpResponse<String> malformed = api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + company.operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> text = api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + company.operator()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> empty = api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + company.operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void viewsWhenAnotherCompanyThen404AndAuditorMayRead() {
        String auditor = company.tokenWith("ADMIN", "READ_ONLY");
        assertThat(statusWithin(auditor, "/api/v1/companies/" + company.id() + "/service-accounts", 200))
                .as("the query side reads rights from its view: granted within a second").isEqualTo(200);
        String otherCompany = api.createCompany(company.operator(), "Other Co " + UUID.randomUUID());
        assertThat(api.query(auditor, "/api/v1/companies/" + otherCompany + "/service-accounts").statusCode()).isEqualTo(404);
        String nobody = company.tokenWith("DOCUMENTS", "ADMIN");
        assertThat(api.query(nobody, "/api/v1/companies/" + company.id() + "/service-accounts").statusCode()).isEqualTo(403);
        assertThat(api.query("not-a-token", "/api/v1/companies/" + company.id() + "/service-accounts").statusCode()).isEqualTo(401);
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
}
