package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.web.security.AccessTokenDecoders;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The minted claims that "tokens die with their credentials" (docs/design.md §4) relies on. */
class AccessTokenIssuerTests {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00.400Z");

    private InMemoryMongo mongo;
    private SigningKeys keys;
    private AccessTokenIssuer issuer;

    @BeforeEach
    void setUp() throws Exception {
        mongo = new InMemoryMongo();
        keys = new SigningKeys(mongo.template(), Clock.systemUTC(), TestProperties.properties());
        issuer = new AccessTokenIssuer(keys, TestProperties.common(), TestProperties.properties());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenServiceAccountTokenMintedThenItCarriesTheEntrysVersionAndIatNotBeforeTheCutoff() throws Exception {
        TokenCutoff cutoff = TokenCutoff.moved(null, NOW.minusMillis(100), 4);

        JWTClaimsSet claims = claims(issuer.issue("client", "company", NOW, cutoff, 6L, ""));

        assertThat(claims.getLongClaim(TokenCutoff.ACCOUNT_VERSION_CLAIM)).isEqualTo(6L);
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(cutoff.notBefore());
    }

    @Test
    void whenOperatorTokenMintedThenNoAccountVersion() throws Exception {
        JWTClaimsSet claims = claims(issuer.issue(TestProperties.OPERATOR_ID, null, NOW, null, null, ""));

        assertThat(claims.getClaims()).doesNotContainKey(TokenCutoff.ACCOUNT_VERSION_CLAIM).doesNotContainKey("company_id");
    }

    @Test
    void whenTokenIssuedThenTheSystemsDecoderAndTheJdksVerifierAcceptItsJoseSignature() throws Exception {
        String token = issuer.issue("client", "company", Instant.now(), null, 3L, "").value();
        SignedJWT parsed = SignedJWT.parse(token);
        ECKey publicKey = (ECKey) keys.publicKeys().getKeyByKeyId(parsed.getHeader().getKeyID());

        Jwt decoded = AccessTokenDecoders.rfc9068(keys, TestProperties.common().issuer().toString(),
                TestProperties.common().audience()).decode(token);

        assertThat(decoded.getClaimAsString("client_id")).isEqualTo("client");
        assertThat(parsed.getSignature().decode()).as("JOSE r||s, not DER").hasSize(64);
        assertThat(parsed.verify(new ECDSAVerifier(publicKey))).isTrue();
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).equals("linux")
                && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"))) {
            assertThat(keys.signingProvider()).as("ACCP loads on 64-bit Linux").isEqualTo(Es256Provider.ACCP);
        }
    }

    @Test
    void whenTokenIssuedThenItHoldsTheHeaderAndClaimsNimbusWouldWrite() throws Exception {
        String companyId = "c-\"quoted\" \\ \u2028 <&>";
        SignedJWT token = SignedJWT.parse(issuer.issue("client", companyId, NOW, null, 7L, "a:read b:write").value());
        SignedJWT operator = SignedJWT.parse(issuer.issue(TestProperties.OPERATOR_ID, null, NOW, null, null, "")
                .value());
        Instant issuedAt = Instant.ofEpochSecond(NOW.getEpochSecond());

        JWTClaimsSet expected = new JWTClaimsSet.Builder().issuer(TestProperties.common().issuer().toString())
                .subject("client").audience(TestProperties.common().audience()).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(5400))).jwtID(token.getJWTClaimsSet().getJWTID())
                .claim("client_id", "client").claim("company_id", companyId)
                .claim(TokenCutoff.ACCOUNT_VERSION_CLAIM, 7L).claim("scope", "a:read b:write").build();
        assertThat(token.getHeader().toJSONObject()).isEqualTo(issuer.sign(expected).getHeader().toJSONObject());
        assertThat(token.getPayload().toJSONObject()).isEqualTo(expected.toJSONObject());
        assertThat(operator.getPayload().toJSONObject()).containsOnlyKeys("iss", "sub", "aud", "iat", "exp", "jti",
                "client_id");
        assertThat(operator.getJWTClaimsSet().getJWTID()).isNotEqualTo(token.getJWTClaimsSet().getJWTID());
    }

    private static JWTClaimsSet claims(AccessTokenIssuer.IssuedToken token) throws Exception {
        return SignedJWT.parse(token.value()).getJWTClaimsSet();
    }
}
