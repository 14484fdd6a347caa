package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /.well-known/oauth-authorization-server} (RFC 8414) over HTTP: every endpoint of the token service with
 * the client authentication it accepts, and nothing we do not offer (no authorization endpoint, so no response
 * types; no JWT client authentication, so no signing algorithms for it).
 */
class AuthorizationServerMetadataTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenReadThenListsTokenIntrospectionAndRevocationEndpointsAndNothingWeDoNotOffer() {
        HttpResponse<String> response = api.get(system.queryUrl() + "/.well-known/oauth-authorization-server", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = Api.json(response);
        String issuer = metadata.get("issuer").asText();
        List<String> clientAuthentication = List.of("client_secret_basic", "client_secret_post");
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth/token");
        assertThat(metadata.get("introspection_endpoint").asText()).isEqualTo(issuer + "/oauth/introspect");
        assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo(issuer + "/oauth/revoke");
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(issuer + "/oauth/jwks");
        assertThat(strings(metadata.get("grant_types_supported"))).containsExactly("client_credentials");
        for (String methods : List.of("token_endpoint_auth_methods_supported",
                "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported")) {
            assertThat(strings(metadata.get(methods))).as(methods).isEqualTo(clientAuthentication);
        }
        assertThat(metadata.get("response_types_supported").size()).as("required by RFC 8414 §2; none served").isZero();
        assertThat(metadata.has("token_endpoint_auth_signing_alg_values_supported")).isFalse();
        assertThat(metadata.get("scopes_supported").size()).isEqualTo(33);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
