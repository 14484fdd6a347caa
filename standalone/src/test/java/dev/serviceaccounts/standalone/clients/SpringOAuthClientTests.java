package dev.serviceaccounts.standalone.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver.clientRegistrationId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.ServiceAccountsSystem;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Spring Security's OAuth 2.0 client against the token service, as a service-to-service client sets it up: the
 * registration discovered from the issuer ({@link ClientRegistrations#fromIssuerLocation}, RFC 8414), the
 * client_credentials grant through {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} and
 * {@link RestClientClientCredentialsTokenResponseClient}, with {@code client_secret_basic} and
 * {@code client_secret_post}, without and with scopes (docs/decisions.md D27). The token reads the account on the
 * query side and carries the scopes; a scope above the account's comes back from the library as
 * {@code invalid_scope}.
 *
 * <p>Discovery needs an issuer that is the URL the metadata is served at (the library checks that the metadata's
 * {@code issuer} is the location it asked); the shared system's issuer is {@code http://localhost:8080} on a random
 * port, so this test starts one more query-side instance on the shared database, whose issuer is its own URL.
 */
class SpringOAuthClientTests {

    private static final TestSystem system = TestSystem.shared();
    private static ConfigurableApplicationContext querySide;
    private static String issuer;
    private static Api onIssuer;
    private static TestCompany company;
    private static JsonNode account;

    @BeforeAll
    static void startAQuerySideAtItsIssuer() {
        int port = freePort();
        issuer = "http://localhost:" + port;
        Map<String, String> properties = TestSystem.settings(system.dataDirectory());
        properties.put("service-accounts.issuer", issuer);
        querySide = ServiceAccountsSystem.startQuerySide(system.mongoUri(), port, properties);
        onIssuer = system.api().onQuerySide(issuer);
        company = system.api().company("Spring OAuth client Co " + UUID.randomUUID());
        account = company.account("erp sync", "ADMIN", "READ_ONLY");
        company.grant(account, "DIRECTORY", "STANDARD");
    }

    @AfterAll
    static void stopTheQuerySide() {
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    void whenDiscoveredFromTheIssuerThenRegistrationHasOurTokenEndpoint() {
        ClientRegistration registration = registration(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);

        assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
        assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/oauth/token");
        assertThat(registration.getProviderDetails().getAuthorizationUri()).as("we have no authorization endpoint")
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
    void whenNoScopeAskedThenTokenCarriesAllTheAccountHoldsAndReadsTheAccount(String method) {
        OAuth2AuthorizedClient client = authorize(registration(new ClientAuthenticationMethod(method)));

        assertThat(client.getAccessToken().getScopes())
                .containsExactlyInAnyOrder("admin:read-only", "directory:read-only", "directory:standard");
        assertReadsTheAccount(client.getAccessToken().getTokenValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
    void whenScopeAskedThenTokenCarriesExactlyThatAndReadsTheAccount(String method) {
        OAuth2AuthorizedClient client = authorize(registration(new ClientAuthenticationMethod(method),
                "directory:read-only", "admin:read-only"));

        assertThat(client.getAccessToken().getScopes()).containsExactlyInAnyOrder("directory:read-only",
                "admin:read-only");
        JsonNode info = Api.json(onIssuer.get(issuer + "/oauth/token/info", client.getAccessToken().getTokenValue()));
        assertThat(info.get("scopes").toString()).isEqualTo("[\"admin:read-only\",\"directory:read-only\"]");
        assertReadsTheAccount(client.getAccessToken().getTokenValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
    void whenScopeAboveTheAccountsThenTheLibrarySurfacesInvalidScope(String method) {
        ClientRegistration registration = registration(new ClientAuthenticationMethod(method), "directory:admin");

        OAuth2AuthorizationException refused =
                catchThrowableOfType(OAuth2AuthorizationException.class, () -> authorize(registration));

        assertThat(refused).isNotNull();
        assertThat(refused.getError().getErrorCode()).isEqualTo("invalid_scope");
    }

    /**
     * Spring's {@link OAuth2ClientHttpRequestInterceptor} on a {@link RestClient}: it gets the token, sends it, and on
     * our 401 {@code invalid_token} for a revoked token drops it, so that the next call gets a new one.
     */
    @Test
    void whenRestClientWithSpringsInterceptorThenItReadsTheAccountAndAfterRevocationGetsANewToken() {
        ClientRegistration registration = registration(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        OAuth2AuthorizedClientService clients =
                new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(registration));
        OAuth2ClientHttpRequestInterceptor interceptor =
                new OAuth2ClientHttpRequestInterceptor(manager(registration, clients));
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(clients));
        RestClient restClient = RestClient.builder().baseUrl(issuer).requestInterceptor(interceptor).build();
        Supplier<JsonNode> readTheAccount = () -> restClient.get().uri("/api/v1" + company.path(account))
                .attributes(clientRegistrationId(registration.getRegistrationId()))
                .retrieve().body(JsonNode.class);

        assertThat(readTheAccount.get().get("id").asText()).isEqualTo(account.get("id").asText());
        String first = clients.loadAuthorizedClient(registration.getRegistrationId(), "anonymousUser")
                .getAccessToken().getTokenValue();
        assertThat(onIssuer.clientPost("/oauth/revoke", account.get("clientId").asText(),
                account.get("clientSecret").asText(), Api.formBody("token", first)).statusCode()).isEqualTo(200);

        assertThatThrownBy(readTheAccount::get).isInstanceOf(HttpClientErrorException.Unauthorized.class);
        assertThat(readTheAccount.get().get("id").asText()).as("with a new token")
                .isEqualTo(account.get("id").asText());
        assertThat(clients.loadAuthorizedClient(registration.getRegistrationId(), "anonymousUser")
                .getAccessToken().getTokenValue()).isNotEqualTo(first);
    }

    /**
     * The README's JWT resource server with {@code issuer-uri} alone, as the README allows when the issuer is
     * reachable: Spring Boot discovers the JWKS from the metadata and accepts the token Spring's client got.
     */
    @Test
    void whenResourceServerGivenTheIssuerAloneThenItAcceptsTheClientsToken() {
        Map<String, String> properties = Readme.yamlProperties(JwtResourceServerTests.HEADING);
        properties.remove("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        properties.remove("spring.security.oauth2.resourceserver.jwt.jws-algorithms");
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        OAuth2AuthorizedClient client = authorize(registration(ClientAuthenticationMethod.CLIENT_SECRET_BASIC));

        try (ConfigurableApplicationContext api =
                     ResourceServerApp.start(system, properties, AccessTokenTypeConfiguration.class)) {
            HttpResponse<String> response = JwtResourceServerTests.whoami(api, client.getAccessToken().getTokenValue());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(ResourceServerApp.authorities(Api.json(response))).contains("SCOPE_admin:read-only");
        }
    }

    /**
     * RFC 6749 §5.2 answers {@code invalid_client} with 401; Spring's token response clients read the error body of a
     * 400 only, and report any other status as {@code invalid_token_response} with the HTTP error as the cause.
     */
    @Test
    void whenSecretWrongThenTheLibrarySurfaces401InvalidClient() {
        ClientRegistration registration = ClientRegistration.withClientRegistration(
                        registration(ClientAuthenticationMethod.CLIENT_SECRET_BASIC))
                .clientSecret("not-the-secret").build();

        OAuth2AuthorizationException refused =
                catchThrowableOfType(OAuth2AuthorizationException.class, () -> authorize(registration));

        assertThat(refused).isNotNull();
        assertThat(refused.getError().getErrorCode()).isEqualTo("invalid_token_response");
        assertThat(refused).hasRootCauseInstanceOf(HttpClientErrorException.Unauthorized.class);
        HttpClientErrorException answer = (HttpClientErrorException) NestedExceptionUtils.getMostSpecificCause(refused);
        assertThat(answer.getResponseBodyAsString()).contains("\"error\":\"invalid_client\"");
    }

    /** The account's registration, discovered from the issuer, for client_credentials with {@code scopes}. */
    private static ClientRegistration registration(ClientAuthenticationMethod method, String... scopes) {
        ClientRegistration.Builder registration = ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId("service-accounts")
                .clientId(account.get("clientId").asText())
                .clientSecret(account.get("clientSecret").asText())
                .clientAuthenticationMethod(method)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        if (scopes.length > 0) {
            registration.scope(Set.of(scopes));
        }
        return registration.build();
    }

    /** A token as a service-to-service client gets it: Spring's manager for use outside a web request. */
    private static OAuth2AuthorizedClient authorize(ClientRegistration registration) {
        return manager(registration, new InMemoryOAuth2AuthorizedClientService(
                new InMemoryClientRegistrationRepository(registration)))
                .authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration.getRegistrationId())
                        .principal("erp-sync").build());
    }

    private static AuthorizedClientServiceOAuth2AuthorizedClientManager manager(ClientRegistration registration,
                                                                             OAuth2AuthorizedClientService clients) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        new InMemoryClientRegistrationRepository(registration), clients);
        ClientCredentialsOAuth2AuthorizedClientProvider provider =
                new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(new RestClientClientCredentialsTokenResponseClient());
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    private static void assertReadsTheAccount(String token) {
        HttpResponse<String> read = onIssuer.query(token, "/api/v1" + company.path(account));

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(Api.json(read).get("id").asText()).isEqualTo(account.get("id").asText());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
