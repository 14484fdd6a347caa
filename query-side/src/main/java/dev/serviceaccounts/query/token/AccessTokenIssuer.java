package dev.serviceaccounts.query.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.support.config.CommonProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Mints JWT access tokens (RFC 9068): header {@code typ: at+jwt}, ES256; claims {@code iss},
 * {@code sub} = {@code client_id} (RFC 9068 §2.2 for client credentials), {@code client_id},
 * {@code company_id} (absent for the operator), {@code aud}, {@code iat}, {@code exp}, {@code jti}, and the
 * private claim (RFC 7519 §4.3) {@code account_version} (absent for the operator, {@link TokenCutoff}), and
 * {@code scope} (RFC 9068 §2.2.3, space-separated {@code PermissionScopes}; absent when empty); signed
 * with the key active at that moment, named by the {@code kid} header.
 * <p>
 * {@link #issue} writes the claims' JSON with Jackson's streaming generator, the header's once per key, and has
 * Nimbus' signer sign their Base64URL: the same header and claims as Nimbus' {@code SignedJWT} makes ({@code aud} a
 * string, times in seconds, absent claims left out) without its map, Gson and Base64 copies, which were a fifth of
 * a request thread's samples once the signature was native (docs/decisions.md D59).
 */
@Component
public class AccessTokenIssuer {

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final CommonProperties common;
    private final ServiceAccountsProperties properties;
    /** The header of the last key that signed and its Base64URL; replaced when another key signs. */
    private volatile Header header;

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
        ByteArrayBuilder json = new ByteArrayBuilder(512);
        try (JsonGenerator claims = JSON.createGenerator(json)) {
            claims.writeStartObject();
            claims.writeStringField("iss", common.issuer().toString());
            claims.writeStringField("sub", clientId);
            claims.writeStringField("aud", common.audience());
            claims.writeNumberField("iat", issuedAt.getEpochSecond());
            claims.writeNumberField("exp", issuedAt.getEpochSecond() + expiresIn);
            claims.writeStringField("jti", PerThreadSecureRandom.randomUuid().toString());
            claims.writeStringField("client_id", clientId);
            if (companyId != null) {
                claims.writeStringField("company_id", companyId);
            }
            if (accountVersion != null) {
                claims.writeNumberField(TokenCutoff.ACCOUNT_VERSION_CLAIM, accountVersion);
            }
            if (!scope.isEmpty()) {
                claims.writeStringField("scope", scope);
            }
            claims.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the claims to memory failed", e);
        }
        SigningKeys.ActiveKey key = keys.activeKey();
        Header signed = header(key.keyId());
        String signingInput = signed.base64url() + '.' + BASE64URL.encodeToString(json.toByteArray());
        try {
            return new IssuedToken(signingInput + '.' + key.signer().sign(signed.header(),
                    signingInput.getBytes(StandardCharsets.US_ASCII)), issuedAt, expiresIn);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with the active ES256 key failed", e);
        }
    }

    /** @return the header naming {@code keyId}, made once per key */
    private Header header(String keyId) {
        Header last = header;
        if (last == null || !last.keyId().equals(keyId)) {
            last = new Header(keyId, accessTokenHeader(keyId));
            header = last;
        }
        return last;
    }

    private static JWSHeader accessTokenHeader(String keyId) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(AT_JWT).keyID(keyId).build();
    }

    /**
     * Signs {@code claims} as an access token: header {@code typ: at+jwt}, ES256, {@code kid} of the key active now.
     *
     * @return the signed token
     */
    SignedJWT sign(JWTClaimsSet claims) {
        SigningKeys.ActiveKey key = keys.activeKey();
        SignedJWT jwt = new SignedJWT(accessTokenHeader(key.keyId()), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with the active ES256 key failed", e);
        }
        return jwt;
    }

    /** A key's access-token header and its Base64URL, the first part of every token it signs. */
    private record Header(String keyId, JWSHeader header, String base64url) {

        Header(String keyId, JWSHeader header) {
            this(keyId, header, header.toBase64URL().toString());
        }
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
