package dev.serviceaccounts.query.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.support.config.CommonProperties;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Mints JWT access tokens (RFC 9068): header {@code typ: at+jwt}, ES256; claims {@code iss},
 * {@code sub} = {@code client_id} (RFC 9068 §2.2 for client credentials), {@code client_id},
 * {@code company_id} (absent for the operator), {@code aud}, {@code iat}, {@code exp}, {@code jti}, and the
 * private claim (RFC 7519 §4.3) {@code account_version} (absent for the operator, {@link TokenCutoff}), and
 * {@code scope} (RFC 9068 §2.2.3, space-separated {@code PermissionScopes}; absent when empty); signed
 * with the key active at that moment, named by the {@code kid} header.
 */
@Component
public class AccessTokenIssuer {

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final CommonProperties common;
    private final ServiceAccountsProperties properties;

    public AccessTokenIssuer(SigningKeys keys, CommonProperties common, ServiceAccountsProperties properties) {
        this.keys = keys;
        this.common = common;
        this.properties = properties;
    }

    /**
     * @param companyId null for the operator
     * @param now       issue time
     * @param cutoff    the account's token cutoff, null when none: {@code iat} is {@link TokenCutoff#issuedAt},
     *                  {@code now} in whole seconds but never before the cutoff, so a token minted just after a
     *                  reset, in the same second, still counts; {@code exp = iat + ttl}
     * @param accountVersion the sequence number of the account's last event the minting view had applied, the
     *                  {@code account_version} claim; null for the operator (no claim)
     * @param scope     the granted scope values, space-separated; empty for none (no claim)
     * @return the signed token and its lifetime in seconds
     */
    public IssuedToken issue(String clientId, String companyId, Instant now, TokenCutoff cutoff, Long accountVersion,
                             String scope) {
        Instant issuedAt = TokenCutoff.issuedAt(now, cutoff);
        long expiresIn = properties.tokenTtl().toSeconds();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(common.issuer().toString())
                .subject(clientId)
                .audience(common.audience())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(expiresIn)))
                .jwtID(PerThreadSecureRandom.randomUuid().toString())
                .claim("client_id", clientId)
                .claim("company_id", companyId)
                .claim(TokenCutoff.ACCOUNT_VERSION_CLAIM, accountVersion)
                .claim("scope", scope.isEmpty() ? null : scope)
                .build();
        return new IssuedToken(sign(claims).serialize(), issuedAt, expiresIn);
    }

    /**
     * Signs {@code claims} as an access token: header {@code typ: at+jwt}, ES256, {@code kid} of the key active now.
     *
     * @return the signed token
     */
    SignedJWT sign(JWTClaimsSet claims) {
        SigningKeys.ActiveKey key = keys.activeKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AT_JWT).keyID(key.keyId()).build(),
                claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with the active ES256 key failed", e);
        }
        return jwt;
    }

    /**
     * @param expiresIn seconds
     */
    public record IssuedToken(String value, Instant issuedAt, long expiresIn) {

        @Override
        public String toString() {
            return "IssuedToken[issuedAt=" + issuedAt + "]";
        }
    }
}
