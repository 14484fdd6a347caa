package dev.serviceaccounts.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** RFC 9068 access tokens: {@code at+jwt}, every required claim, our issuer and audience, or refused. */
class AccessTokenDecodersTests {

    private static final String ISSUER = "http://localhost:8080";
    private static final String AUDIENCE = "service-accounts-api";

    private final ECKey key = generate();
    private final JwtDecoder decoder = AccessTokenDecoders.rfc9068(
            new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER, AUDIENCE);

    @Test
    void whenAccessTokenThenDecoded() throws Exception {
        assertThat(decoder.decode(sign("at+jwt", claims().build())).getClaimAsString("client_id")).isEqualTo("sa-1");
    }

    @Test
    void whenTypeIsNotAtJwtThenRefused() {
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(sign("JWT", claims().build())));
    }

    @Test
    void whenClientIdMissingThenRefused() {
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(sign("at+jwt", claims().claim("client_id", null).build())));
    }

    @Test
    void whenIssuedAtMissingThenRefused() {
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(sign("at+jwt", claims().issueTime(null).build())));
    }

    @Test
    void whenOtherAudienceThenRefused() {
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(sign("at+jwt", claims().audience("other").build())));
    }

    @Test
    void whenOtherIssuerThenRefused() {
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(sign("at+jwt", claims().issuer("http://elsewhere").build())));
    }

    @Test
    void whenSameTokenAgainThenDecodedTheSame() throws Exception {
        String token = sign("at+jwt", claims().build());

        assertThat(decoder.decode(token).getClaims()).isEqualTo(decoder.decode(token).getClaims());
    }

    @Test
    void whenTokenMetAgainAfterItsKeyWasWithdrawnThenRefused() throws Exception {
        AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(key.toPublicJWK()));
        JWKSource<SecurityContext> keys = (selector, context) -> selector.select(served.get());
        JwtDecoder withdrawable = AccessTokenDecoders.rfc9068(keys, ISSUER, AUDIENCE);
        String token = sign("at+jwt", claims().build());
        withdrawable.decode(token);

        served.set(new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k2").generate().toPublicJWK()));

        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> withdrawable.decode(token));
    }

    @Test
    void whenTokenMetAgainAfterItsKeyWasReplacedUnderTheSameIdThenRefused() throws Exception {
        AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(key.toPublicJWK()));
        JWKSource<SecurityContext> keys = (selector, context) -> selector.select(served.get());
        JwtDecoder withdrawable = AccessTokenDecoders.rfc9068(keys, ISSUER, AUDIENCE);
        String token = sign("at+jwt", claims().build());
        withdrawable.decode(token);

        served.set(new JWKSet(new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate().toPublicJWK()));

        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> withdrawable.decode(token));
    }

    @Test
    void whenTokenMetAgainAfterItExpiredThenRefused() throws Exception {
        Instant now = Instant.now();
        String token = sign("at+jwt", claims().issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusMillis(1_500))).build());
        decoder.decode(token);

        Thread.sleep(Duration.between(Instant.now(), now.plusMillis(2_100)).toMillis());

        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("sa-1").claim("client_id", "sa-1")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
    }

    private String sign(String type, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type))
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
