package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One normalised issuer: configured with a trailing slash, the tokens' {@code iss} and the RFC 8414
 * metadata {@code issuer} are the same value without it, and the tokens work on both APIs; a value that is
 * not an issuer URL stops the start saying why.
 */
class IssuerTests {

    @Test
    void startWhenIssuerHasTrailingSlashThenTokenIssEqualsMetadataIssuerAndTokenWorksOnBothApis() throws Exception {
        try (TestSystem system = TestSystem.start(TestSystem.newDataDirectory(),
                Map.of("service-accounts.issuer", "http://localhost:8080/"))) {
            Api api = system.api();
            String token = api.operatorToken();
            JsonNode metadata = Api.json(api.send(HttpRequest.newBuilder(
                    URI.create(system.queryUrl() + "/.well-known/oauth-authorization-server")).GET()));

            assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer())
                    .isEqualTo(metadata.get("issuer").asText())
                    .isEqualTo("http://localhost:8080");
            String companyId = api.createCompany(token, "Issuer Co");
            assertThat(api.query(token, "/api/v1/companies/" + companyId + "/service-accounts").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void startWhenIssuerHasQueryThenRefusedSayingWhy() {
        Throwable refused = catchThrowable(() -> TestSystem.start(TestSystem.newDataDirectory(),
                Map.of("service-accounts.issuer", "http://localhost:8080/?tenant=a")).close());

        assertThat(refused).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertThat(messages).contains("service-accounts.issuer (SA_ISSUER) must be");
    }
}
