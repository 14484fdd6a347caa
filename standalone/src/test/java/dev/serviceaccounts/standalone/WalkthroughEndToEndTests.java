package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README walkthrough over real HTTP against both apps and the embedded MongoDB: operator token,
 * company, service account, its token (verified against the JWKS with Nimbus), then GrantPermission.
 */
class WalkthroughEndToEndTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void walkthroughWhenFollowedThenAccountGetsVerifiableTokenAndBecomesUsable() throws Exception {
        String operatorToken = api.operatorToken();
        String companyId = api.createCompany(operatorToken, "Acme Construction");

        HttpResponse<String> created = api.createServiceAccount(operatorToken, companyId,
                Map.of("name", "  ERP sync  ", "appType", "CUSTOM"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode account = Api.json(created);
        String accountId = account.get("id").asText();
        String clientId = account.get("clientId").asText();
        String clientSecret = account.get("clientSecret").asText();
        assertThat(account.get("name").asText()).isEqualTo("ERP sync");
        assertThat(account.get("appType").asText()).isEqualTo("CUSTOM");
        assertThat(clientSecret).matches("[A-Za-z0-9_-]{43}");
        assertThat(account.get("contact").get("email").asText()).endsWith("@service-accounts.invalid");
        assertThat(account.get("permissions").size()).isZero();

        HttpResponse<String> tokenResponse = api.tokenBasic(clientId, clientSecret);
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        assertThat(tokenResponse.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(tokenResponse.headers().firstValue("Pragma")).hasValue("no-cache");
        JsonNode token = Api.json(tokenResponse);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        long expiresIn = token.get("expires_in").asLong();
        assertThat(expiresIn).isEqualTo(5400);

        SignedJWT jwt = SignedJWT.parse(token.get("access_token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        JWKSet jwks = JWKSet.load(URI.create(system.queryUrl() + "/oauth/jwks").toURL());
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("signing key published in the JWKS").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(clientId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("company_id")).isEqualTo(companyId);
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        long lifetime = Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                jwt.getJWTClaimsSet().getExpirationTime().toInstant()).getSeconds();
        assertThat(lifetime).isEqualTo(expiresIn);
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond())
                .isEqualTo(token.get("created_at").asLong());

        String path = "/api/v1/companies/" + companyId + "/service-accounts/" + accountId;
        JsonNode before = api.awaitQuery(operatorToken, path, view -> true, Duration.ofSeconds(5));
        assertThat(before.get("usable").asBoolean()).isFalse();
        assertThat(before.get("functional").asBoolean()).isTrue();
        assertThat(before.get("reasons").toString()).isEqualTo("[\"NO_PERMISSIONS\"]");

        HttpResponse<String> granted = api.grant(operatorToken, companyId, accountId, "DOCUMENTS", "READ_ONLY");
        assertThat(granted.statusCode()).isEqualTo(200);

        JsonNode after = api.awaitQuery(operatorToken, path, view -> view.get("usable").asBoolean(), Duration.ofSeconds(5));
        assertThat(after.get("permissions").get("DOCUMENTS").asText()).isEqualTo("READ_ONLY");
        assertThat(after.get("reasons").size()).isZero();
        assertThat(after.has("clientSecret")).isFalse();
    }

    @Test
    void jwksWhenFetchedThenHoldsOnlyPublicKeys() throws Exception {
        JWKSet jwks = JWKSet.load(new URL(system.queryUrl() + "/.well-known/jwks.json"));
        assertThat(jwks.getKeys()).isNotEmpty().allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

}
