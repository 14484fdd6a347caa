package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.StoredSigningKeys;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9068 §2.2 required claims on both APIs: a token signed with the system's own key but without
 * {@code exp}, {@code iat}, {@code iss}, {@code aud}, {@code sub}, {@code jti} or {@code client_id} is refused
 * with 401. The complete token, signed the same way, is accepted, so each refusal is the missing claim's doing.
 */
class RequiredClaimsTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private ECKey key;
    private String companyId;

    @BeforeEach
    void operatorsCompany() {
        companyId = api.company("Claims Co").id();
        key = StoredSigningKeys.newestPrivateKey(system);
    }

    @Test
    void requestWhenOwnKeySignsAllClaimsThenAcceptedOnBothApis() {
        String token = StoredSigningKeys.sign(key, operatorClaims().build());

        assertThat(queryApi(token).statusCode()).isEqualTo(200);
        assertThat(commandApi(token).statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "iat", "iss", "aud", "sub", "jti", "client_id"})
    void requestWhenOwnKeySignsTokenWithoutRequiredClaimThenUnauthorizedOnBothApis(String claim) {
        String token = StoredSigningKeys.sign(key, operatorClaims().claim(claim, null).build());

        HttpResponse<String> query = queryApi(token);
        HttpResponse<String> command = commandApi(token);
        assertThat(query.statusCode()).as("query API without %s: %s", claim, query.body()).isEqualTo(401);
        assertThat(command.statusCode()).as("command API without %s: %s", claim, command.body()).isEqualTo(401);
    }

    @Test
    void requestWhenOwnKeySignsTokenOfOtherIssuerOrAudienceThenUnauthorizedOnBothApis() {
        for (JWTClaimsSet claims : new JWTClaimsSet[] {
                operatorClaims().issuer("http://localhost:8080/").build(),
                operatorClaims().audience("another-api").build(),
                operatorClaims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build()}) {
            String token = StoredSigningKeys.sign(key, claims);
            assertThat(queryApi(token).statusCode()).as("%s", claims).isEqualTo(401);
            assertThat(commandApi(token).statusCode()).as("%s", claims).isEqualTo(401);
        }
    }

    /** The claims the token endpoint gives the operator's tokens. */
    private static JWTClaimsSet.Builder operatorClaims() {
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        return new JWTClaimsSet.Builder()
                .issuer("http://localhost:8080")
                .subject(TestSystem.OPERATOR_ID)
                .audience("service-accounts-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", TestSystem.OPERATOR_ID);
    }

    private HttpResponse<String> queryApi(String token) {
        return api.query(token, "/api/v1/companies/" + companyId + "/service-accounts");
    }

    private HttpResponse<String> commandApi(String token) {
        return api.postJson(system.commandUrl() + "/api/v1/companies", token, Map.of("name", "Made with a forged token"));
    }
}
