package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Signing-key rotation over HTTP (docs/design.md §6, D23), on the shared system (query side A, its command side)
 * and a second query side B: the operator rotates on any instance; tokens signed before stay accepted by both
 * APIs and their key stays in the JWKS; every instance signs with the new key within its reload period and
 * verifies a token of the new key at once; the command side fetches the JWKS again for the new {@code kid}.
 */
class SigningKeyRotationApiTests {

    static final String ROTATE = "/api/v1/admin/signing-keys:rotate";

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();
    private static ConfigurableApplicationContext second;
    private static Api onSecond;

    @BeforeAll
    static void startSecondQuerySide() {
        second = system.apps().startAnotherQuerySide();
        onSecond = api.onQuerySide(ServiceAccountsSystem.url(second));
    }

    @AfterAll
    static void stopSecondQuerySide() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void rotateWhenOperatorThenNewTokensCarryNewKidAndOldTokenStillAcceptedByBothApis() {
        String old = api.operatorToken();

        HttpResponse<String> rotated = rotate(api, system.queryUrl(), old);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = Api.json(rotated).get("kid").asText();
        assertThat(newKid).isNotEqualTo(kid(old));
        String fresh = api.operatorToken();
        assertThat(kid(fresh)).isEqualTo(newKid);
        assertThat(publishedKids(system.queryUrl())).contains(kid(old), newKid);
        for (String token : List.of(old, fresh)) {
            assertThat(api.query(token, "/api/v1/companies").statusCode()).isEqualTo(200);
            HttpResponse<String> created = api.postJson(system.commandUrl() + "/api/v1/companies", token,
                    Map.of("name", "Made after a rotation " + UUID.randomUUID()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @Test
    void rotateWhenNotOperatorThenRefusedAndKeyUnchanged() {
        TestCompany company = api.company("Not the operator " + UUID.randomUUID());
        String admin = company.tokenWith("ADMIN", "ADMIN");
        String activeKid = kid(api.operatorToken());

        assertProblem(rotate(api, system.queryUrl(), admin), 403, "FORBIDDEN");
        assertProblem(rotate(api, system.queryUrl(), null), 401, "UNAUTHORIZED");

        assertThat(kid(api.operatorToken())).isEqualTo(activeKid);
    }

    @Test
    void rotateWhenDoneOnOneInstanceThenTheOtherSignsWithItAndEveryApiVerifiesIt() throws InterruptedException {
        HttpResponse<String> rotated = rotate(api, ServiceAccountsSystem.url(second), api.operatorToken());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = Api.json(rotated).get("kid").asText();

        String fromSecond = Api.accessToken(onSecond.tokenBasic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET));
        assertThat(kid(fromSecond)).isEqualTo(newKid);
        assertThat(api.query(fromSecond, "/api/v1/companies").statusCode()).as("A reloads for an unknown kid")
                .isEqualTo(200);
        HttpResponse<String> created = api.postJson(system.commandUrl() + "/api/v1/companies", fromSecond,
                Map.of("name", "Made with B's new key " + UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String fromFirst = api.operatorToken();
        while (!kid(fromFirst).equals(newKid) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            fromFirst = api.operatorToken();
        }
        assertThat(kid(fromFirst)).as("A signs with B's key after its reload").isEqualTo(newKid);
        assertThat(onSecond.query(fromFirst, "/api/v1/companies").statusCode()).isEqualTo(200);
        assertThat(publishedKids(system.queryUrl())).isEqualTo(publishedKids(ServiceAccountsSystem.url(second)));
    }

    /** POST the rotation to the query side at {@code queryUrl}, with {@code token} (null: none). */
    static HttpResponse<String> rotate(Api api, String queryUrl, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(queryUrl + ROTATE))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request);
    }

    /** @return the {@code kid} header of {@code token} */
    static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the key ids in the JWKS of the query side at {@code queryUrl} */
    static List<String> publishedKids(String queryUrl) {
        try {
            return JWKSet.load(URI.create(queryUrl + "/oauth/jwks").toURL()).getKeys().stream()
                    .map(JWK::getKeyID).sorted().toList();
        } catch (java.io.IOException | ParseException e) {
            throw new AssertionError(e);
        }
    }
}
