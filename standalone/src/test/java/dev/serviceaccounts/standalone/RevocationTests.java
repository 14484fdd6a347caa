package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.IntrospectionTests.assertNoStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.ProblemResponses;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /oauth/revoke} (RFC 7009) over HTTP: a client revokes its own tokens, the operator any; every
 * well-formed request is 200 with no effect on a token the caller may not revoke; a revoked token is refused at
 * once by the APIs of both sides (401 problem+json {@code TOKEN_REVOKED}) and is inactive at introspection, while
 * the client's other tokens keep working (docs/decisions.md D24).
 */
class RevocationTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private TestCompany company;
    private JsonNode account;

    @BeforeEach
    void setUp() {
        company = api.company("Revocation Co " + UUID.randomUUID());
        account = company.account("revoking", "ADMIN", "ADMIN");
    }

    @Test
    void whenClientRevokesOwnTokenOnQuerySideThenBothApisRefuseItAtOnceAndOtherTokensWork() {
        String revoked = company.token(account);
        String kept = company.token(account);
        assertThat(createAccount(revoked).statusCode()).isEqualTo(201);

        HttpResponse<String> response = revoke(account, revoked, "access_token");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertNoStore(response);
        ProblemResponses.assertTokenRevoked(createAccount(revoked));
        ProblemResponses.assertTokenRevoked(listAccounts(revoked));
        assertThat(inactive(revoked)).isTrue();
        assertThat(createAccount(kept).statusCode()).as("another token of the same client").isEqualTo(201);
        assertThat(listAccounts(kept).statusCode()).isEqualTo(200);
        assertThat(revoke(account, revoked, null).statusCode()).as("revoking again").isEqualTo(200);
    }

    @Test
    void whenClientRevokesAnotherClientsTokenThen200WithoutEffect() {
        JsonNode other = company.account("other", "ADMIN", "READ_ONLY");
        String othersToken = company.token(other);

        assertThat(revoke(account, othersToken, "access_token").statusCode()).isEqualTo(200);
        assertThat(revoke(account, api.operatorToken(), null).statusCode()).isEqualTo(200);

        assertThat(listAccounts(othersToken).statusCode()).isEqualTo(200);
        assertThat(inactive(othersToken)).isFalse();
    }

    @Test
    void whenOperatorRevokesAnyTokenThenRefusedIncludingItsOwn() {
        String accountToken = company.token(account);
        String operatorToken = api.operatorToken();
        assertThat(api.query(operatorToken, "/api/v1/companies").statusCode()).isEqualTo(200);

        assertThat(revokeAsOperator(accountToken).statusCode()).isEqualTo(200);
        assertThat(revokeAsOperator(operatorToken).statusCode()).isEqualTo(200);

        ProblemResponses.assertTokenRevoked(createAccount(accountToken));
        ProblemResponses.assertTokenRevoked(api.query(operatorToken, "/api/v1/companies"));
        ProblemResponses.assertTokenRevoked(api.postJson(system.commandUrl() + "/api/v1/companies", operatorToken,
                Map.of("name", "never made")));
    }

    @Test
    void whenTokenUnknownOrGarbageThen200() {
        assertThat(revoke(account, "not-a-token", "refresh_token").statusCode()).isEqualTo(200);
        assertThat(revoke(account, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", "access_token").statusCode()).isEqualTo(200);
    }

    @Test
    void whenTokenMissingThen400AndWhenClientWrongThen401() {
        HttpResponse<String> missing = api.clientPost("/oauth/revoke", account.get("clientId").asText(),
                account.get("clientSecret").asText(), "token_type_hint=access_token");
        HttpResponse<String> wrongClient = api.clientPost("/oauth/revoke", account.get("clientId").asText(),
                "wrong", Api.formBody("token", company.token(account)));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Api.json(missing).get("error").asText()).isEqualTo("invalid_request");
        assertNoStore(missing);
        assertThat(wrongClient.statusCode()).isEqualTo(401);
        assertThat(Api.json(wrongClient).get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongClient.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service-accounts\"");
        assertNoStore(wrongClient);
    }


    private HttpResponse<String> revoke(JsonNode caller, String token, String hint) {
        String body = hint == null ? Api.formBody("token", token) : Api.formBody("token", token, "token_type_hint", hint);
        return api.clientPost("/oauth/revoke", caller.get("clientId").asText(), caller.get("clientSecret").asText(), body);
    }

    private HttpResponse<String> revokeAsOperator(String token) {
        return api.clientPost("/oauth/revoke", TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET,
                Api.formBody("token", token));
    }

    private boolean inactive(String token) {
        HttpResponse<String> response = api.clientPost("/oauth/introspect", TestSystem.OPERATOR_ID,
                TestSystem.OPERATOR_SECRET, Api.formBody("token", token));
        assertThat(response.statusCode()).isEqualTo(200);
        return !Api.json(response).get("active").asBoolean();
    }

    private HttpResponse<String> createAccount(String token) {
        return api.createServiceAccount(token, company.id(), Map.of("name", "made " + UUID.randomUUID(), "appType", "CUSTOM"));
    }

    private HttpResponse<String> listAccounts(String token) {
        return api.query(token, "/api/v1/companies/" + company.id() + "/service-accounts");
    }
}
