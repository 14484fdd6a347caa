package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scopes at the token endpoint (RFC 6749 §3.3; docs/decisions.md D27): {@code <tool>:<level>} values for company
 * tool permissions, a level implying the lower ones. No {@code scope} asked: the token carries all the account holds
 * now; a subset asked: exactly that; more than it holds, or an unknown value: 400 {@code invalid_scope}. The
 * metadata lists every value; introspection and token info show the token's scope.
 */
class ScopeTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private TestCompany company;
    private JsonNode account;

    @BeforeEach
    void setUp() {
        company = api.company("Scopes Co " + UUID.randomUUID());
        account = company.account("scoped", "DOCUMENTS", "STANDARD");
    }

    @Test
    void whenNoScopeAskedThenTokenCarriesAllTheAccountHolds() throws Exception {
        HttpResponse<String> response = token(null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.json(response).get("scope").asText()).isEqualTo("documents:read-only documents:standard");
        assertThat(SignedJWT.parse(Api.accessToken(response)).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("documents:read-only documents:standard");
    }

    @Test
    void whenSubsetAskedThenTokenCarriesExactlyThat() throws Exception {
        HttpResponse<String> response = token("documents:read-only");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.json(response).get("scope").asText()).isEqualTo("documents:read-only");
        String token = Api.accessToken(response);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("scope")).isEqualTo("documents:read-only");
        JsonNode info = Api.json(api.get(system.queryUrl() + "/oauth/token/info", token));
        assertThat(info.get("scopes").get(0).asText()).isEqualTo("documents:read-only");
        assertThat(info.get("scopes").size()).isEqualTo(1);
    }

    @Test
    void whenMoreThanHeldOrUnknownAskedThenInvalidScope() {
        for (String scope : new String[] {"documents:admin", "reports:read-only", "read", "documents:read-only read"}) {
            HttpResponse<String> response = token(scope);

            assertThat(response.statusCode()).as(scope + ": " + response.body()).isEqualTo(400);
            assertThat(Api.json(response).get("error").asText()).isEqualTo("invalid_scope");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void whenAccountHoldsNothingThenTokenHasNoScope() throws Exception {
        JsonNode bare = company.account("bare");

        HttpResponse<String> response = api.tokenBasic(bare.get("clientId").asText(), bare.get("clientSecret").asText());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Api.json(response).has("scope")).isFalse();
        assertThat(SignedJWT.parse(Api.accessToken(response)).getJWTClaimsSet().getClaim("scope")).isNull();
    }

    @Test
    void whenMetadataReadThenEveryScopeIsListed() {
        JsonNode metadata = Api.json(api.get(system.queryUrl() + "/.well-known/oauth-authorization-server", null));

        assertThat(metadata.get("scopes_supported").size()).isEqualTo(33);
        assertThat(metadata.get("scopes_supported").toString()).contains("\"documents:read-only\"", "\"admin:admin\"");
    }

    private HttpResponse<String> token(String scope) {
        String body = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + Api.form(scope));
        return api.tokenForm(body, "Authorization",
                Api.basic(account.get("clientId").asText(), account.get("clientSecret").asText()));
    }
}
