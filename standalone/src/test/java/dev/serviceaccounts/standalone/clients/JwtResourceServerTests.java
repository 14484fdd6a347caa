package dev.serviceaccounts.standalone.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.StoredSigningKeys;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client's Spring Boot API configured exactly as README.md's "Spring Boot resource server (JWT)" shows: its YAML
 * block read from the README (the JWKS at the test system's port; the issuer is the test system's, which the README
 * shows) and its Java block, which {@link AccessTokenTypeConfiguration} is, word for word. Our tokens pass with their
 * scopes as {@code SCOPE_…} authorities; an expired token, one signed by another key, for another issuer or
 * audience, or typed {@code JWT} is 401. A token issued before its account's reset still passes: a JWT resource
 * server cannot know of the reset (docs/decisions.md D34), as the README says. Without the README's Java block,
 * Spring Boot refuses our tokens.
 */
class JwtResourceServerTests {

    static final String HEADING = "### Spring Boot resource server (JWT)";
    private static final String README_ISSUER = "http://localhost:8080";

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();
    private static ConfigurableApplicationContext resourceServer;
    private static TestCompany company;
    private static JsonNode account;

    @BeforeAll
    static void startTheReadmesResourceServer() {
        Readme.assertSourceIsTheBlock(AccessTokenTypeConfiguration.class, HEADING);
        resourceServer = ResourceServerApp.start(system, readmeProperties(), AccessTokenTypeConfiguration.class);
        company = api.company("JWT resource server Co " + UUID.randomUUID());
        account = company.account("documents reader", "DOCUMENTS", "STANDARD");
    }

    @AfterAll
    static void stopTheResourceServer() {
        if (resourceServer != null) {
            resourceServer.close();
        }
    }

    @Test
    void whenOurTokenThen200WithItsScopesAsAuthorities() throws Exception {
        String token = company.token(account);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).as("the README's issuer is the test system's")
                .isEqualTo(readmeProperties().get("spring.security.oauth2.resourceserver.jwt.issuer-uri"));

        HttpResponse<String> response = whoami(resourceServer, token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode whoami = Api.json(response);
        assertThat(whoami.get("name").asText()).isEqualTo(account.get("clientId").asText());
        assertThat(ResourceServerApp.authorities(whoami))
                .contains("SCOPE_documents:read-only", "SCOPE_documents:standard");
    }

    @Test
    void whenExpiredThen401() {
        Instant issued = Instant.now().minusSeconds(3600);

        assertThat(whoami(resourceServer, sign(StoredSigningKeys.newestPrivateKey(system), "at+jwt",
                claims(issued, README_ISSUER, "service-accounts-api"))).statusCode()).isEqualTo(401);
    }

    @Test
    void whenSignedByForeignKeyThen401() throws Exception {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID("foreign-" + UUID.randomUUID()).generate();

        assertThat(whoami(resourceServer, sign(foreign, "at+jwt",
                claims(Instant.now(), README_ISSUER, "service-accounts-api"))).statusCode()).isEqualTo(401);
    }

    @Test
    void whenIssuerWrongThen401() {
        assertThat(whoami(resourceServer, sign(StoredSigningKeys.newestPrivateKey(system), "at+jwt",
                claims(Instant.now(), "https://issuer.example", "service-accounts-api"))).statusCode()).isEqualTo(401);
    }

    @Test
    void whenAudienceWrongThen401() {
        assertThat(whoami(resourceServer, sign(StoredSigningKeys.newestPrivateKey(system), "at+jwt",
                claims(Instant.now(), README_ISSUER, "another-api"))).statusCode()).isEqualTo(401);
    }

    @Test
    void whenTypeIsPlainJwtThen401() {
        String signedByUs = sign(StoredSigningKeys.newestPrivateKey(system), "at+jwt",
                claims(Instant.now(), README_ISSUER, "service-accounts-api"));
        String typedJwt = sign(StoredSigningKeys.newestPrivateKey(system), "JWT",
                claims(Instant.now(), README_ISSUER, "service-accounts-api"));

        assertThat(whoami(resourceServer, signedByUs).statusCode()).as("the control").isEqualTo(200);
        assertThat(whoami(resourceServer, typedJwt).statusCode()).as("an ID token or any other JWT").isEqualTo(401);
    }

    @Test
    void whenIssuedBeforeTheAccountsResetThenAcceptedHereButRefusedByOurApi() {
        JsonNode reset = company.account("reset later", "DOCUMENTS", "READ_ONLY");
        String token = company.token(reset);
        assertThat(company.accountCommand(reset, "POST", "/secret:reset", null).statusCode()).isEqualTo(200);

        assertThat(whoami(resourceServer, token).statusCode())
                .as("a JWT resource server cannot know of the reset").isEqualTo(200);
        HttpResponse<String> ours = api.get(system.queryUrl() + "/oauth/token/info", token);
        assertThat(ours.statusCode()).isEqualTo(401);
        assertThat(ours.body()).contains("TOKEN_REVOKED");
    }

    @Test
    void whenTheReadmesJavaBlockLeftOutThenSpringBootRefusesOurToken() {
        try (ConfigurableApplicationContext yamlOnly = ResourceServerApp.start(system, readmeProperties())) {
            HttpResponse<String> response = whoami(yamlOnly, company.token(account));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token")
                    .contains("JOSE header typ (type) at+jwt not allowed");
        }
    }

    /** The README's YAML, the JWKS at the test system's port; the issuer stays: it is the test system's. */
    private static Map<String, String> readmeProperties() {
        Map<String, String> properties = Readme.yamlProperties(HEADING);
        assertThat(properties.get("spring.security.oauth2.resourceserver.jwt.issuer-uri")).isEqualTo(README_ISSUER);
        properties.replaceAll((key, value) -> value.replace(README_ISSUER + "/", system.queryUrl() + "/"));
        return properties;
    }

    static HttpResponse<String> whoami(ConfigurableApplicationContext app, String token) {
        return api.get(ResourceServerApp.url(app) + "/whoami", token);
    }

    /** Claims as the token endpoint gives this test's account, issued at {@code issued} for 60 s. */
    private static JWTClaimsSet claims(Instant issued, String issuer, String audience) {
        String clientId = account.get("clientId").asText();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .audience(List.of(audience))
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("company_id", company.id())
                .claim("scope", "documents:read-only")
                .build();
    }

    /** @return {@code claims} signed ES256 with {@code key}, header {@code typ} as given and the key's {@code kid} */
    private static String sign(ECKey key, String type, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type))
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
        return jwt.serialize();
    }
}
