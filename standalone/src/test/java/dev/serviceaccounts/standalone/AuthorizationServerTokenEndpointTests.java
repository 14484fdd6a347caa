package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.query.token.TokenEndpoint;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The token endpoint served by Spring Authorization Server ({@code service-accounts.token-endpoint=authorization-server},
 * docs/decisions.md D29) issues the same tokens as the default one, to the same clients; the default system runs
 * none of it.
 */
class AuthorizationServerTokenEndpointTests {

    private static TestSystem system;
    private static Api api;

    @BeforeAll
    static void start() {
        system = TestSystem.start(TestSystem.newDataDirectory(),
                Map.of("service-accounts.token-endpoint", "authorization-server"));
        api = system.api();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void whenClientSecretBasicThenTokenVerifiedByTheJwksWithOurClaims() throws Exception {
        TestCompany company = api.company("SAS basic " + UUID.randomUUID());
        JsonNode account = company.account("sas basic", "documents", "read-only");
        String clientId = account.get("clientId").asText();

        HttpResponse<String> response = api.tokenBasic(clientId, account.get("clientSecret").asText());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Api.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(5400);
        assertThat(body.get("scope").asText()).as("every scope held when none is asked").isEqualTo("documents:read-only");
        SignedJWT jwt = verified(body.get("access_token").asText());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(body.get("created_at").asLong()).isEqualTo(jwt.getJWTClaimsSet().getIssueTime().getTime() / 1000);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(clientId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("company_id")).isEqualTo(company.id());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("documents:read-only");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("service-accounts-api");
        assertThat(jwt.getJWTClaimsSet().getClaim("account_version")).isNotNull();
        assertThat(jwt.getJWTClaimsSet().getNotBeforeTime()).isNull();
        assertThat(api.get(system.queryUrl() + "/oauth/token/info", jwt.serialize()).statusCode())
                .as("the query side's API accepts the token").isEqualTo(200);
    }

    @Test
    void whenClientSecretPostThenTokenVerifiedByTheJwks() throws Exception {
        JsonNode account = api.company("SAS post " + UUID.randomUUID()).account("sas post");

        HttpResponse<String> response = api.tokenForm(Api.formBody("grant_type", "client_credentials",
                "client_id", account.get("clientId").asText(), "client_secret", account.get("clientSecret").asText()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Api.json(response);
        assertThat(body.has("scope")).as("an account without permissions gets no scope").isFalse();
        assertThat(verified(body.get("access_token").asText()).getJWTClaimsSet().getClaim("scope")).isNull();
    }

    @Test
    void whenWrongSecretThenInvalidClient() {
        JsonNode account = api.company("SAS wrong " + UUID.randomUUID()).account("sas wrong");

        HttpResponse<String> response = api.tokenBasic(account.get("clientId").asText(), "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Api.json(response).get("error").asText()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("wrong_secret");
    }

    @Test
    void whenDesignIsAuthorizationServerThenItsChainServesTheTokenPath() {
        assertThat(system.apps().querySide().getBeansOfType(SecurityFilterChain.class)).hasSize(2);
        assertThat(system.apps().querySide().getBeansOfType(RegisteredClientRepository.class)).hasSize(1);
        assertThat(system.apps().querySide().getBeanNamesForType(TokenEndpoint.class))
                .as("the filter leaves the token path to the authorization server").isEmpty();
    }

    @Test
    void whenDefaultDesignThenNoAuthorizationServerRunsAndTokensStillWork() {
        TestSystem defaults = TestSystem.shared();

        assertThat(defaults.apps().querySide().getBeansOfType(SecurityFilterChain.class)).hasSize(1);
        assertThat(defaults.apps().querySide().getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
        assertThat(defaults.apps().querySide().getBeanNamesForType(
                org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings.class))
                .isEmpty();
        assertThat(defaults.apps().commandSide().getBeanNamesForType(
                org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings.class))
                .isEmpty();
        assertThat(defaults.api().tokenBasic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET).statusCode())
                .isEqualTo(200);
    }

    private SignedJWT verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.load(URI.create(system.queryUrl() + "/oauth/jwks").toURL());
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("signing key published in the JWKS").isNotNull();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        return jwt;
    }
}
