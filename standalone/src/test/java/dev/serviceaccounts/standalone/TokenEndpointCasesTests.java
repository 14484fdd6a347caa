package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.EventMetaData;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.command.serviceaccount.ClientIdRegistry;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import dev.serviceaccounts.support.secret.ClientSecretEncoder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Token endpoint cases T1–T10, each over real HTTP against the running query side: small inputs that authorization servers in the wild have
 * answered wrongly, with the answer RFC 6749 requires. Every test asserts the status code, the JSON body
 * ({@code error}, or {@code access_token} for a 200) and the headers the case is about; every response,
 * success or error, must carry {@code Cache-Control: no-store} and {@code Pragma: no-cache} (§5.1).
 *
 * <p>Each test works with its own company and service account, made through the HTTP API with the
 * operator's token, except T1, whose secret the generator never produces and which is therefore set
 * through the command side's {@link CommandGateway}.
 */
@DisplayName("Token endpoint cases T1-T10 (RFC 6749 inputs other servers got wrong)")
class TokenEndpointCasesTests {

    private static final String WWW_AUTHENTICATE = "Basic realm=\"service-accounts\"";
    private static final String CLIENT_CREDENTIALS = "grant_type=client_credentials";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    private TestCompany company;
    private String clientId;
    private String secret;

    @BeforeEach
    void createAccount() {
        company = api.company("Token cases " + randomToken(6));
        JsonNode account = company.account("token cases");
        clientId = account.get("clientId").asText();
        secret = account.get("clientSecret").asText();
    }

    @Test
    @DisplayName("T1: a secret with / = ? + sent as Basic b64(form(id):form(secret)) gets a token")
    void whenBasicSecretHasReservedCharactersFormEncodedThenTokenIssued() throws Exception {
        String reservedSecret = "s3cret/with=reserved?chars+" + randomToken(24);
        String t1ClientId = "t1-" + randomToken(12);
        createAccountWithSecret(t1ClientId, reservedSecret);
        assertThat(Api.basic(t1ClientId, reservedSecret))
                .as("the form-encoded pair differs from the raw one, so decoding is really exercised")
                .isNotEqualTo("Basic " + b64(t1ClientId + ":" + reservedSecret));

        HttpResponse<String> response = api.tokenBasic(t1ClientId, reservedSecret);

        JsonNode token = assertTokenIssued(response);
        assertThat(SignedJWT.parse(token.get("access_token").asText()).getJWTClaimsSet().getSubject())
                .isEqualTo(t1ClientId);
    }

    @Test
    @DisplayName("T2: unknown client_id and wrong secret are both 401 invalid_client, indistinguishable")
    void whenClientUnknownOrSecretWrongThenSameInvalidClientResponse() {
        assertTokenIssued(api.tokenBasic(clientId, secret));

        HttpResponse<String> unknownClient = api.tokenBasic("unknown-" + randomToken(16), secret);
        HttpResponse<String> wrongSecret = api.tokenBasic(clientId, secret + "x");

        assertInvalidClient(unknownClient);
        assertInvalidClient(wrongSecret);
        assertThat(Api.json(wrongSecret)).isEqualTo(Api.json(unknownClient));
        assertThat(comparableHeaderNames(wrongSecret)).isEqualTo(comparableHeaderNames(unknownClient));
    }

    /**
     * The third request of T2. Deactivation ({@code POST .../service-accounts/{id}:deactivate}, docs/design.md §5)
     * does not exist yet. Once it does, this checks that a deactivated account presenting its right
     * secret is refused within one second (docs/design.md §6) with exactly the 401 an unknown {@code client_id}
     * gets: same body, same {@code WWW-Authenticate}, same header names.
     */
    @Test
    @DisplayName("T2: a deactivated account with the right secret gets the same 401 as an unknown client_id")
    void whenAccountDeactivatedAndSecretRightThenSameInvalidClientResponseAsUnknownClient() {
        JsonNode account = company.account("to deactivate");
        String deactivatedClientId = account.get("clientId").asText();
        String rightSecret = account.get("clientSecret").asText();
        assertTokenIssued(api.tokenBasic(deactivatedClientId, rightSecret));
        HttpResponse<String> deactivation = api.postJson(system.commandUrl() + "/api/v1" + company.path(account)
                + ":deactivate", company.operator(), Map.of());
        assertThat(deactivation.statusCode()).isIn(200, 204);

        HttpResponse<String> unknownClient = api.tokenBasic("unknown-" + randomToken(16), rightSecret);
        HttpResponse<String> deactivated = firstRefusalWithinOneSecond(deactivatedClientId, rightSecret);

        assertInvalidClient(unknownClient);
        assertInvalidClient(deactivated);
        assertThat(Api.json(deactivated)).isEqualTo(Api.json(unknownClient));
        assertThat(comparableHeaderNames(deactivated)).isEqualTo(comparableHeaderNames(unknownClient));
    }

    @Test
    @DisplayName("T3: grant_type repeated is 400 invalid_request")
    void whenGrantTypeRepeatedThenInvalidRequest() {
        HttpResponse<String> response = api.tokenForm(CLIENT_CREDENTIALS + "&" + CLIENT_CREDENTIALS,
                "Authorization", Api.basic(clientId, secret));

        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("T3: client_id repeated (client_secret_post) is 400 invalid_request")
    void whenClientIdRepeatedThenInvalidRequest() {
        HttpResponse<String> response = api.tokenForm(Api.formBody("grant_type", "client_credentials",
                "client_id", clientId, "client_id", clientId, "client_secret", secret));

        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("T4: Basic header and client_id/client_secret in the body, both right, is 400 invalid_request")
    void whenBasicAndBodyCredentialsBothSentThenInvalidRequest() {
        HttpResponse<String> response = api.tokenForm(Api.formBody("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret), "Authorization", Api.basic(clientId, secret));

        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("T5: Cache-Control no-store and Pragma no-cache on 200, 400, 401 and 405")
    void whenAnyTokenRequestThenResponseIsNotCached() {
        HttpResponse<String> success = api.tokenBasic(clientId, secret);
        HttpResponse<String> badRequest = api.tokenForm("", "Authorization", Api.basic(clientId, secret));
        HttpResponse<String> badGrant = api.tokenForm("grant_type=password", "Authorization", Api.basic(clientId, secret));
        HttpResponse<String> unauthorized = api.tokenBasic(clientId, secret + "x");
        HttpResponse<String> wrongMethod = api.send(HttpRequest.newBuilder(tokenUri()).GET());

        assertTokenIssued(success);
        assertError(badRequest, 400, "invalid_request");
        assertError(badGrant, 400, "unsupported_grant_type");
        assertInvalidClient(unauthorized);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : List.of(success, badRequest, badGrant, unauthorized, wrongMethod)) {
            assertThat(cacheControlDirectives(response)).as("Cache-Control of a %d", response.statusCode())
                    .contains("no-store");
            assertThat(response.headers().allValues("Pragma")).as("Pragma of a %d", response.statusCode())
                    .containsExactly("no-cache");
        }
    }

    @Test
    @DisplayName("A token or error answer is sent in one piece with Content-Length, never chunked")
    void whenTokenOrErrorAnsweredThenContentLengthAndNotChunked() {
        HttpResponse<String> success = api.tokenBasic(clientId, secret);
        HttpResponse<String> badGrant = api.tokenForm("grant_type=password", "Authorization", Api.basic(clientId, secret));
        HttpResponse<String> unauthorized = api.tokenBasic(clientId, secret + "x");

        assertTokenIssued(success);
        assertError(badGrant, 400, "unsupported_grant_type");
        assertInvalidClient(unauthorized);
        for (HttpResponse<String> response : List.of(success, badGrant, unauthorized)) {
            assertThat(response.headers().firstValueAsLong("Content-Length")).as("Content-Length of a %d",
                    response.statusCode()).hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
            assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
        }
    }

    @Test
    @DisplayName("T6: a scope that is not valid percent-encoding is 400 invalid_request, not a token without the scope")
    void whenScopeMalformedlyEncodedThenInvalidRequestNotAWiderToken() {
        HttpResponse<String> response = api.tokenForm(CLIENT_CREDENTIALS + "&scope=documents:read-only%zz",
                "Authorization", Api.basic(clientId, secret));

        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("T6: scope=anything with valid credentials is 400 invalid_scope")
    void whenScopeRequestedThenInvalidScope() {
        HttpResponse<String> response = api.tokenForm(CLIENT_CREDENTIALS + "&scope=anything",
                "Authorization", Api.basic(clientId, secret));

        assertError(response, 400, "invalid_scope");
    }

    @Test
    @DisplayName("T7: grant_type=password with valid client credentials is 400 unsupported_grant_type")
    void whenGrantTypePasswordThenUnsupportedGrantType() {
        HttpResponse<String> response = api.tokenForm(Api.formBody("grant_type", "password",
                "username", "someone", "password", "anything"), "Authorization", Api.basic(clientId, secret));

        assertError(response, 400, "unsupported_grant_type");
    }

    @Test
    @DisplayName("T8: no grant_type at all is 400 invalid_request")
    void whenGrantTypeMissingThenInvalidRequest() {
        HttpResponse<String> response = api.tokenForm(Api.formBody("client_id", clientId, "client_secret", secret));

        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("T9: GET with the credentials in the URL is 405, no token")
    void whenGetWithCredentialsInUrlThenMethodNotAllowed() {
        URI uri = URI.create(tokenUri() + "?" + Api.formBody("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));

        HttpResponse<String> response = api.send(HttpRequest.newBuilder(uri).GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().allValues("Allow")).containsExactly("POST");
        assertThat(response.body()).doesNotContain("access_token");
        assertThat(Api.json(response).has("access_token")).isFalse();
        assertNotCached(response);
    }

    @Test
    @DisplayName("T9: POST with the credentials in the URL query is 400 invalid_request, no token")
    void whenPostWithCredentialsInUrlThenInvalidRequest() {
        URI uri = URI.create(tokenUri() + "?" + Api.formBody("client_id", clientId, "client_secret", secret));

        HttpResponse<String> response = api.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(CLIENT_CREDENTIALS)));

        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("T10: a JSON body with grant_type, client_id and client_secret gets a token")
    void whenJsonBodyWithClientCredentialsThenTokenIssued() {
        HttpResponse<String> response = postJson(Api.write(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret)));

        assertTokenIssued(response);
    }

    @Test
    @DisplayName("T10: a JSON body that repeats a key is 400 invalid_request")
    void whenJsonBodyRepeatsKeyThenInvalidRequest() {
        String body = "{\"grant_type\":\"client_credentials\",\"client_id\":" + Api.write(clientId)
                + ",\"client_id\":" + Api.write(clientId) + ",\"client_secret\":" + Api.write(secret) + "}";

        HttpResponse<String> response = postJson(body);

        assertError(response, 400, "invalid_request");
    }

    /**
     * Creates a CUSTOM account whose secret the test chooses, the way the command side's controller does:
     * reserve the {@code client_id}, then send {@link CreateServiceAccountCommand} with the actor metadata.
     */
    private void createAccountWithSecret(String newClientId, String plaintextSecret) {
        CompanyId companyId = new CompanyId(company.id());
        ServiceAccountId accountId = new ServiceAccountId(UUID.randomUUID().toString());
        ClientId accountClientId = new ClientId(newClientId);
        assertThat(system.apps().commandSide().getBean(ClientIdRegistry.class)
                .reserve(accountClientId, accountId, companyId)).as("client_id reserved").isTrue();
        Instant now = Instant.now();
        HashedSecret hashed = new HashedSecret(new SecretId(randomToken(12)), new ClientSecretEncoder().encode(plaintextSecret),
                now, null);
        CreateServiceAccountCommand command = new CreateServiceAccountCommand(accountId, companyId, "T1 reserved secret",
                AppType.CUSTOM, null, accountClientId, hashed, new ContactId(UUID.randomUUID().toString()),
                "sa-" + randomToken(12) + "@service-accounts.invalid", now, CallerRights.OPERATOR);
        MetaData metaData = MetaData.with(EventMetaData.ACTOR, TestSystem.OPERATOR_ID)
                .and(EventMetaData.REQUEST_ID, UUID.randomUUID().toString());
        system.apps().commandSide().getBean(CommandGateway.class)
                .sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /**
     * Repeats a Basic token request (no pause: each answer is the pause) until it is refused or one second
     * has passed, the bound docs/design.md §6 sets for a deactivation to reach the token endpoint.
     */
    private HttpResponse<String> firstRefusalWithinOneSecond(String id, String password) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        HttpResponse<String> response = api.tokenBasic(id, password);
        while (response.statusCode() == 200 && System.nanoTime() < deadline) {
            response = api.tokenBasic(id, password);
        }
        return response;
    }

    private HttpResponse<String> postJson(String body) {
        return api.send(HttpRequest.newBuilder(tokenUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI tokenUri() {
        return URI.create(system.queryUrl() + "/oauth/token");
    }

    /** Asserts a §5.1 success: 200, JSON with a Bearer {@code access_token}, not cacheable. */
    private static JsonNode assertTokenIssued(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertNotCached(response);
        JsonNode body = Api.json(response);
        assertThat(body.path("access_token").asText()).isNotBlank();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isPositive();
        assertThat(body.has("error")).isFalse();
        return body;
    }

    /** Asserts a §5.2 error: the status, JSON {@code error} and a description, no token, not cacheable. */
    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertNotCached(response);
        JsonNode body = Api.json(response);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").isTextual()).isTrue();
        assertThat(body.has("access_token")).isFalse();
    }

    /** Asserts the §5.2 {@code invalid_client} answer, with the Basic challenge (RFC 6749 §5.2, RFC 7617). */
    private static void assertInvalidClient(HttpResponse<String> response) {
        assertError(response, 401, "invalid_client");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(WWW_AUTHENTICATE);
    }

    private static void assertNotCached(HttpResponse<String> response) {
        assertThat(cacheControlDirectives(response)).contains("no-store");
        assertThat(response.headers().allValues("Pragma")).containsExactly("no-cache");
    }

    private static Set<String> cacheControlDirectives(HttpResponse<String> response) {
        return response.headers().allValues("Cache-Control").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(directive -> directive.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** @return the response's header names, lower case, without those that vary by nature */
    private static Set<String> comparableHeaderNames(HttpResponse<String> response) {
        Set<String> names = new TreeSet<>();
        response.headers().map().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        names.removeAll(Set.of("date", "content-length"));
        return names;
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
