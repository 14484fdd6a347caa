package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.PermissionScopes;
import dev.serviceaccounts.support.config.CommonProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public key set (RFC 7517) at {@code /oauth/jwks} and {@code /.well-known/jwks.json}, and authorization
 * server metadata (RFC 8414) at {@code /.well-known/oauth-authorization-server}. No authentication.
 */
@RestController
public class AuthorizationServerMetadataController {

    /** The client authentication of every {@link ClientEndpoint} ({@link ClientRequestConverter}). */
    private static final List<String> CLIENT_AUTHENTICATION_METHODS = List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(), ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

    private final SigningKeys keys;
    private final CommonProperties properties;

    public AuthorizationServerMetadataController(SigningKeys keys, CommonProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    /**
     * @return {@code {keys: [public JWKs]}}, cacheable for 5 minutes, as {@code application/jwk-set+json} (RFC 7517
     *         §8.5) or, when the {@code Accept} header asks for it, {@code application/json}; {@code *}{@code /*}
     *         and no {@code Accept} get the former
     */
    @GetMapping(path = {"/oauth/jwks", "/.well-known/jwks.json"}, produces = {"application/jwk-set+json",
            MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }

    /**
     * RFC 8414 §2 metadata of this authorization server: its issuer, the token, introspection (RFC 7662) and
     * revocation (RFC 7009) endpoints with the client authentication methods each accepts, the JWKS and the one
     * grant, and the scope values ({@link PermissionScopes#supported()}). {@code response_types_supported}, which
     * §2 requires, is empty: there is no authorization endpoint (client credentials only), so no response type is
     * served. No {@code *_auth_signing_alg_values_supported}: no client authenticates with a signed JWT.
     *
     * @return the metadata document
     */
    @GetMapping(path = "/.well-known/oauth-authorization-server", produces = "application/json")
    public Map<String, Object> metadata() {
        String issuer = properties.issuer().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("token_endpoint", issuer + TokenEndpoint.PATH);
        metadata.put("jwks_uri", issuer + "/oauth/jwks");
        metadata.put("response_types_supported", List.of());
        metadata.put("grant_types_supported", List.of("client_credentials"));
        metadata.put("token_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION_METHODS);
        metadata.put("introspection_endpoint", issuer + IntrospectionEndpoint.PATH);
        metadata.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION_METHODS);
        metadata.put("revocation_endpoint", issuer + RevocationEndpoint.PATH);
        metadata.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION_METHODS);
        metadata.put("scopes_supported", PermissionScopes.supported());
        return metadata;
    }
}
