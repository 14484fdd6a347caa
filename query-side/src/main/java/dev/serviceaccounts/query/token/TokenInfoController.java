package dev.serviceaccounts.query.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.serviceaccounts.web.security.CallerAuthentication;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth/token/info}, as Procore (Doorkeeper) answers it, for clients written against Procore: the
 * caller's own bearer token, described. The token is verified like on every API (the filter chain: 401
 * problem+json with an RFC 6750 challenge when missing or bad) and must still count ({@link CompanyAccessPolicy#requireCurrentToken}:
 * 401 {@code TOKEN_REVOKED} when revoked or issued before its account's cutoff). {@code Cache-Control: no-store}.
 */
@RestController
public class TokenInfoController {

    /** The path of this endpoint. */
    public static final String PATH = "/oauth/token/info";

    private final CompanyAccessPolicy access;
    private final TokenEligibilityView view;
    private final Clock clock;

    public TokenInfoController(CompanyAccessPolicy access, TokenEligibilityView view, Clock clock) {
        this.access = access;
        this.view = view;
        this.clock = clock;
    }

    /**
     * @return {@code {resource_owner_id, scopes, expires_in_seconds, application: {uid}, created_at}}:
     *         {@code resource_owner_id} the service account's id (null for the operator), {@code scopes} the token's
     *         scopes ([] when none), {@code expires_in_seconds} until {@code exp} (never below 0),
     *         {@code application.uid} the {@code client_id}, {@code created_at} the {@code iat} in Unix seconds
     */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenInfo> info(CallerAuthentication authentication) {
        access.requireCurrentToken(authentication.caller());
        Jwt token = authentication.getToken();
        String clientId = authentication.caller().clientId();
        String owner = authentication.caller().operator() ? null
                : view.find(clientId).map(client -> client.account().serviceAccountId()).orElse(null);
        String scope = token.getClaimAsString("scope");
        List<String> scopes = scope == null || scope.isBlank() ? List.of() : Arrays.asList(scope.trim().split(" +"));
        long expiresIn = Math.max(0, Duration.between(clock.instant(), token.getExpiresAt()).toSeconds());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new TokenInfo(owner, scopes, expiresIn, new Application(clientId),
                        token.getIssuedAt().getEpochSecond()));
    }

    /**
     * Procore's token information.
     *
     * @param expiresInSeconds seconds until the token expires
     * @param createdAt        the token's {@code iat}, Unix seconds
     */
    public record TokenInfo(@JsonProperty("resource_owner_id") String resourceOwnerId,
                            List<String> scopes,
                            @JsonProperty("expires_in_seconds") long expiresInSeconds,
                            Application application,
                            @JsonProperty("created_at") long createdAt) {
    }

    /** @param uid the client's {@code client_id} */
    public record Application(String uid) {
    }
}
