package dev.serviceaccounts.standalone.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client's Spring Boot API configured exactly as README.md's "Spring Boot resource server (introspection)" shows:
 * its YAML block read from the README (the introspection endpoint at the test system's port), introspecting with an
 * auditor of the company as the README says, through Spring Boot's {@code SpringOpaqueTokenIntrospector}. An active
 * token passes with its scopes as {@code SCOPE_…} authorities; a revoked token (RFC 7009), a token of a reset
 * account and a token of another company are 401 from the next request on.
 */
class IntrospectionResourceServerTests {

    static final String HEADING = "### Spring Boot resource server (introspection)";

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();
    private static ConfigurableApplicationContext resourceServer;
    private static TestCompany company;

    @BeforeAll
    static void startTheReadmesResourceServer() {
        company = api.company("Introspecting resource server Co " + UUID.randomUUID());
        JsonNode auditor = company.account("the API's introspection", "ADMIN", "READ_ONLY");
        Map<String, String> properties = Readme.yamlProperties(HEADING);
        properties.replaceAll((key, value) -> value.replace("http://localhost:8080/", system.queryUrl() + "/"));
        // as the README has it: the account's credentials in the environment, here in the app's properties
        properties.put("INTROSPECTION_CLIENT_ID", auditor.get("clientId").asText());
        properties.put("INTROSPECTION_CLIENT_SECRET", auditor.get("clientSecret").asText());
        resourceServer = ResourceServerApp.start(system, properties);
    }

    @AfterAll
    static void stopTheResourceServer() {
        if (resourceServer != null) {
            resourceServer.close();
        }
    }

    @Test
    void whenActiveTokenThen200WithItsScopesAsAuthorities() {
        JsonNode account = company.account("documents reader", "DOCUMENTS", "STANDARD");

        HttpResponse<String> response = whoami(company.token(account));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode whoami = Api.json(response);
        assertThat(whoami.get("name").asText()).isEqualTo(account.get("clientId").asText());
        assertThat(ResourceServerApp.authorities(whoami))
                .contains("SCOPE_documents:read-only", "SCOPE_documents:standard");
    }

    @Test
    void whenRevokedThen401() {
        JsonNode account = company.account("revokes its token", "DOCUMENTS", "READ_ONLY");
        String token = company.token(account);
        assertThat(whoami(token).statusCode()).as("before").isEqualTo(200);

        HttpResponse<String> revoked = api.clientPost("/oauth/revoke", account.get("clientId").asText(),
                account.get("clientSecret").asText(), Api.formBody("token", token));

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(whoami(token).statusCode()).isEqualTo(401);
    }

    @Test
    void whenAccountResetThen401() {
        JsonNode account = company.account("reset later", "DOCUMENTS", "READ_ONLY");
        String token = company.token(account);
        assertThat(whoami(token).statusCode()).as("before").isEqualTo(200);

        assertThat(company.accountCommand(account, "POST", "/secret:reset", null).statusCode()).isEqualTo(200);

        assertThat(whoami(token).statusCode()).isEqualTo(401);
    }

    @Test
    void whenTokenOfAnotherCompanyThen401() {
        TestCompany other = api.company("Other company " + UUID.randomUUID());

        assertThat(whoami(other.tokenWith("DOCUMENTS", "READ_ONLY")).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> whoami(String token) {
        return api.get(ResourceServerApp.url(resourceServer) + "/whoami", token);
    }
}
