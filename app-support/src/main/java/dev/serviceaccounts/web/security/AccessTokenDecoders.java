package dev.serviceaccounts.web.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one way both apps verify an access token: RFC 9068 JWT access tokens, whichever keys they are
 * verified with.
 */
public final class AccessTokenDecoders {

    /** The claims RFC 9068 §2.2 requires, and our {@code client_id}; checked on the token as signed. */
    private static final JwtTimestampValidator NO_SKEW = new JwtTimestampValidator(Duration.ZERO);
    private static final Set<String> REQUIRED_CLAIMS = Set.of("exp", "iat", "iss", "aud", "sub", "jti", "client_id");
    /** Tokens whose signature is not checked again while they are met again (docs/decisions.md D57). */
    private static final int VERIFIED_TOKENS = 1_024;

    private AccessTokenDecoders() {
    }

    /**
     * A decoder of RFC 9068 access tokens: header {@code typ} {@code at+jwt} (§2.1), signed ES256 with a key of
     * {@code keys}; Spring Security's RFC 9068 validator ({@link JwtValidators#createAtJwtValidator()}) requires
     * {@code exp}, {@code iat}, {@code iss}, {@code aud}, {@code sub}, {@code jti} and {@code client_id}
     * (§2.2), {@code issuer} and {@code audience}, and a current lifetime, with no clock skew (a token ends at its
     * {@code exp} here as at introspection and in the revocation store); Nimbus checks the same claims are
     * present in the token as signed (Spring's claim conversion fills in a missing {@code iat} from
     * {@code exp} before its validators run). A token that fails any of this is refused with a
     * {@link org.springframework.security.oauth2.jwt.JwtException}: 401 {@code invalid_token} (RFC 6750 §3.1).
     * The signature of the last {@value #VERIFIED_TOKENS} tokens that decoded is not checked again while the key
     * that verified it is still served and every claim check still passes ({@link VerifiedTokens}, D57).
     *
     * @param keys     the public keys of the issuer: its JWKS URI (the command side), its own keys (the query side)
     * @param issuer   the expected {@code iss}, exactly
     * @param audience the {@code aud} value the token must contain
     * @return a new decoder; it holds no state of its own beyond {@code keys} and the tokens it verified
     */
    public static JwtDecoder rfc9068(JWKSource<SecurityContext> keys, String issuer, String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null, REQUIRED_CLAIMS);
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
        JWSKeySelector<SecurityContext> es256 = new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys);
        ThreadLocal<List<? extends Key>> selected = new ThreadLocal<>();
        processor.setJWSKeySelector((header, context) -> {
            List<? extends Key> found = es256.selectJWSKeys(header, context);
            selected.set(found);
            return found;
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createAtJwtValidator()
                .issuer(issuer)
                .audience(audience)
                .validators(validators -> {
                    validators.put("client_id", new JwtClaimValidator<>("client_id", Objects::nonNull));
                    // no clock skew: a token ends at its exp on every API, as at introspection and in the
                    // revocation store, which keeps a revoked token's jti only until then
                    validators.put("exp", NO_SKEW);
                    validators.put("iat", NO_SKEW);
                })
                .build();
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, claims, validator, es256, selected, VERIFIED_TOKENS);
    }
}
