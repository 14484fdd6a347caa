package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The minted claims that "tokens die with their credentials" (docs/design.md §4) relies on. */
class AccessTokenIssuerTests {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00.400Z");

    private InMemoryMongo mongo;
    private AccessTokenIssuer issuer;

    @BeforeEach
    void setUp() throws Exception {
        mongo = new InMemoryMongo();
        issuer = new AccessTokenIssuer(new SigningKeys(mongo.template(), Clock.systemUTC(), TestProperties.properties()),
                TestProperties.common(), TestProperties.properties());
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

    private static JWTClaimsSet claims(AccessTokenIssuer.IssuedToken token) throws Exception {
        return SignedJWT.parse(token.value()).getJWTClaimsSet();
    }
}
