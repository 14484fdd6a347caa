package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.IntrospectionTests.assertNoStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.ProblemResponses;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /oauth/token/info} (Procore compatibility) over HTTP: the caller's own bearer token described as
 * Procore does; 401 problem+json with an RFC 6750 challenge for a missing, bad or revoked token.
 */
class TokenInfoTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private TestCompany company;
    private JsonNode account;

    @BeforeEach
    void setUp() {
        company = api.company("Token info Co " + UUID.randomUUID());
        account = company.account("described");
    }

    @Test
    void whenBearerTokenThenProcoreTokenInfo() throws Exception {
        String token = token();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        HttpResponse<String> response = info(token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertNoStore(response);
        JsonNode body = Api.json(response);
        assertThat(body.get("resource_owner_id").asText()).isEqualTo(account.get("id").asText());
        assertThat(body.get("scopes").isArray()).isTrue();
        assertThat(body.get("scopes")).isEmpty();
        assertThat(body.get("expires_in_seconds").asLong()).isBetween(5300L, 5400L);
        assertThat(body.get("application").get("uid").asText()).isEqualTo(account.get("clientId").asText());
        assertThat(body.get("created_at").asLong()).isEqualTo(claims.getIssueTime().toInstant().getEpochSecond());
    }

    @Test
    void whenTokenMissingOrBadThen401Problem() {
        for (HttpResponse<String> response : new HttpResponse[] {info(null), info("not-a-token")}) {
            ProblemResponses.assertProblem(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }
    }

    @Test
    void whenTokenRevokedThen401TokenRevoked() {
        String token = token();
        assertThat(api.clientPost("/oauth/revoke", account.get("clientId").asText(),
                account.get("clientSecret").asText(), Api.formBody("token", token)).statusCode()).isEqualTo(200);

        ProblemResponses.assertTokenRevoked(info(token));
    }

    @Test
    void whenSecretResetAfterIatThen401TokenRevoked() {
        String token = token();
        assertThat(company.accountCommand(account, "POST", "/secret:reset", null).statusCode()).isEqualTo(200);
        company.awaitView(account, view -> view.hasNonNull("tokensValidAfter"));

        ProblemResponses.assertTokenRevoked(info(token));
    }

    private String token() {
        return Api.accessToken(api.tokenBasic(account.get("clientId").asText(), account.get("clientSecret").asText()));
    }

    private HttpResponse<String> info(String token) {
        return api.get(system.queryUrl() + "/oauth/token/info", token);
    }
}
