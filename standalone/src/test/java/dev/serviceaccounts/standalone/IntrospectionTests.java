package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.StoredSigningKeys;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /oauth/introspect} (RFC 7662) over HTTP: an active token is described with its claims and its account's
 * current permissions; every reason a token no longer counts, and every token the caller may not see, is
 * {@code {"active": false}}; the endpoint's errors are the token endpoint's (RFC 6749 §5.2), with
 * {@code Cache-Control: no-store} on every answer.
 */
class IntrospectionTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private TestCompany company;
    private JsonNode account;

    @BeforeEach
    void setUp() {
        company = api.company("Introspection Co " + UUID.randomUUID());
        account = company.account("introspected", "ADMIN", "READ_ONLY");
    }

    @Test
    void whenTokenOfOwnCompanyThenActiveWithClaimsAndCurrentPermissions() throws Exception {
        String token = company.token(account);
        JsonNode caller = company.account("introspecting", "ADMIN", "READ_ONLY");
        company.grant(account, "DIRECTORY", "ADMIN");

        HttpResponse<String> response = introspect(caller, token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertNoStore(response);
        JsonNode body = Api.json(response);
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("client_id").asText()).isEqualTo(account.get("clientId").asText());
        assertThat(body.get("sub").asText()).isEqualTo(account.get("clientId").asText());
        assertThat(body.get("company_id").asText()).isEqualTo(company.id());
        assertThat(body.get("scope").asText()).as("the token's scope: what the account held when it was minted")
                .isEqualTo("admin:read-only");
        assertThat(body.get("exp").asLong()).isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
        assertThat(body.get("iat").asLong()).isEqualTo(claims.getIssueTime().toInstant().getEpochSecond());
        assertThat(body.get("iss").asText()).isEqualTo(claims.getIssuer());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("aud").get(0).asText()).isEqualTo(claims.getAudience().get(0));
        assertThat(body.get("jti").asText()).isEqualTo(claims.getJWTID());
        assertThat(body.get("permissions").get("ADMIN").asText()).isEqualTo("READ_ONLY");
        assertThat(body.get("permissions").get("DIRECTORY").asText())
                .as("granted after the token was minted: the current permissions").isEqualTo("ADMIN");
        assertThat(body.get("projects").isObject()).isTrue();
    }

    @Test
    void whenOperatorIntrospectsThenAnyCompanysTokenAndItsOwnAreActive() {
        assertThat(active(introspectAsOperator(company.token(account)))).isTrue();
        JsonNode operatorToken = Api.json(introspectAsOperator(api.operatorToken()));
        assertThat(operatorToken.get("active").asBoolean()).isTrue();
        assertThat(operatorToken.get("client_id").asText()).isEqualTo(TestSystem.OPERATOR_ID);
        assertThat(operatorToken.has("company_id")).isFalse();
    }

    @Test
    void whenTokenOfAnotherCompanyThenInactive() {
        TestCompany other = api.company("Other introspection Co " + UUID.randomUUID());
        JsonNode stranger = other.account("stranger");

        assertInactive(introspect(stranger, company.token(account)));
        assertInactive(introspect(account, api.operatorToken()));
    }

    @Test
    void whenAccountNotFunctionalThenInactive() {
        String token = company.token(account);
        assertThat(company.changeEmailAcknowledged(TestCompany.contactId(account),
                "changed-" + UUID.randomUUID() + "@example.com").statusCode()).isEqualTo(200);

        assertInactive(introspectAsOperator(token));
    }

    @Test
    void whenSecretResetAfterIatThenInactive() {
        String token = company.token(account);
        assertThat(company.accountCommand(account, "POST", "/secret:reset", null).statusCode()).isEqualTo(200);

        assertInactive(introspectAsOperator(token));
    }

    @Test
    void whenDeactivatedThenInactive() {
        String token = company.token(account);
        assertThat(company.accountCommand(account, "POST", ":deactivate", null).statusCode()).isEqualTo(200);

        assertInactive(introspectAsOperator(token));
    }

    @Test
    void whenCallerIsNeitherTheTokensClientNorAnAuditorOfItsCompanyThenInactive() {
        String token = company.token(account);
        JsonNode colleague = company.account("colleague", "DOCUMENTS", "ADMIN");

        assertInactive(introspect(colleague, token));
        assertThat(active(introspect(account, token))).as("its own token").isTrue();
    }

    @Test
    void whenExpiredSecondsAgoThenEveryApiRefusesItAsIntrospectionDoes() {
        Instant issued = Instant.now().minusSeconds(65);
        String expired = StoredSigningKeys.sign(StoredSigningKeys.newestPrivateKey(system),
                claims(issued, issued.plusSeconds(60), "http://localhost:8080"));

        assertInactive(introspectAsOperator(expired));
        assertThat(api.query(expired, "/api/v1/companies/" + company.id() + "/service-accounts").statusCode())
                .as("query side, no clock skew").isEqualTo(401);
        assertThat(api.command("PATCH", "/companies/" + company.id() + "/service-accounts/" + account.get("id").asText(),
                expired, java.util.Map.of("name", "renamed")).statusCode()).as("command side, no clock skew").isEqualTo(401);
        assertThat(api.get(system.queryUrl() + "/oauth/token/info", expired).statusCode()).isEqualTo(401);
    }

    @Test
    void whenExpiredThenInactive() {
        Instant issued = Instant.now().minusSeconds(3600);
        String expired = StoredSigningKeys.sign(StoredSigningKeys.newestPrivateKey(system),
                claims(issued, issued.plusSeconds(60), "http://localhost:8080"));

        assertInactive(introspectAsOperator(expired));
    }

    @Test
    void whenGarbageOrNotOursThenInactive() throws Exception {
        Instant now = Instant.now();
        ECKey foreignKey = new ECKeyGenerator(Curve.P_256).keyID("foreign").generate();
        ECKey ourKey = StoredSigningKeys.newestPrivateKey(system);

        assertInactive(introspectAsOperator("not-a-token"));
        assertInactive(introspectAsOperator(StoredSigningKeys.sign(foreignKey,
                claims(now, now.plusSeconds(300), "http://localhost:8080"))));
        assertInactive(introspectAsOperator(StoredSigningKeys.sign(ourKey,
                claims(now, now.plusSeconds(300), "https://issuer.example"))));
        assertThat(active(introspectAsOperator(StoredSigningKeys.sign(ourKey,
                claims(now, now.plusSeconds(300), "http://localhost:8080"))))).as("the control").isTrue();
    }

    @Test
    void whenTokenParameterMissingThen400InvalidRequest() {
        HttpResponse<String> response = api.clientPost("/oauth/introspect", account.get("clientId").asText(),
                account.get("clientSecret").asText(), "token_type_hint=access_token");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Api.json(response).get("error").asText()).isEqualTo("invalid_request");
        assertNoStore(response);
    }

    @Test
    void whenClientAuthenticationFailsThen401InvalidClientAsAtTheTokenEndpoint() {
        HttpResponse<String> response = api.clientPost("/oauth/introspect", account.get("clientId").asText(),
                "wrong", "token=" + company.token(account));
        HttpResponse<String> tokenEndpoint = api.tokenBasic(account.get("clientId").asText(), "wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service-accounts\"");
        assertThat(Api.json(response)).isEqualTo(Api.json(tokenEndpoint));
        assertThat(Api.json(response).get("error").asText()).isEqualTo("invalid_client");
        assertNoStore(response);
    }

    @Test
    void whenClientSecretPostThenAnswered() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + "/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Api.formBody("token", company.token(account),
                        "client_id", account.get("clientId").asText(), "client_secret", account.get("clientSecret").asText()))));

        assertThat(active(response)).isTrue();
    }

    @Test
    void whenGetThen405() {
        HttpResponse<String> response = api.get(system.queryUrl() + "/oauth/introspect", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertNoStore(response);
    }


    private HttpResponse<String> introspect(JsonNode caller, String token) {
        return api.clientPost("/oauth/introspect", caller.get("clientId").asText(), caller.get("clientSecret").asText(),
                Api.formBody("token", token, "token_type_hint", "access_token"));
    }

    private HttpResponse<String> introspectAsOperator(String token) {
        return api.clientPost("/oauth/introspect", TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET,
                Api.formBody("token", token));
    }

    private static boolean active(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response).get("active").asBoolean();
    }

    private static void assertInactive(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.json(response).properties()).as("nothing but active:false")
                .hasSize(1).allSatisfy(entry -> assertThat(entry.getKey()).isEqualTo("active"));
        assertThat(Api.json(response).get("active").asBoolean()).isFalse();
        assertNoStore(response);
    }

    static void assertNoStore(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
    }

    /** Claims as the token endpoint gives this test's account, with the given times and issuer. */
    private JWTClaimsSet claims(Instant issued, Instant expires, String issuer) {
        String clientId = account.get("clientId").asText();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .audience(List.of("service-accounts-api"))
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("company_id", company.id())
                .build();
    }
}
