package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertUnknownPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.token.BenchLimitFilter;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /bench/limit}, the benchmarks' trivial response at the token endpoint's layer ({@link BenchLimitFilter}):
 * absent by default, an unknown path like any other; present only when {@code service-accounts.bench.limit-endpoint}
 * is true, and then a fixed 200 JSON answer that needs no credentials.
 */
class BenchLimitEndpointTests {

    @Test
    void whenLimitEndpointNotEnabledThenUnknownPathWithOrWithoutToken() {
        TestSystem system = TestSystem.shared();
        Api api = system.api();

        assertUnknownPath(post(api, system.queryUrl(), null));
        assertUnknownPath(post(api, system.queryUrl(), api.operatorToken()));
    }

    @Test
    void whenLimitEndpointEnabledThenFixedAnswerWithoutCredentials() {
        try (TestSystem system = TestSystem.start(TestSystem.newDataDirectory(),
                Map.of("service-accounts.bench.limit-endpoint", "true"))) {
            HttpResponse<String> response = post(system.api(), system.queryUrl(), null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).isEqualTo(BenchLimitFilter.BODY);
            assertThat(system.api().get(system.queryUrl() + BenchLimitFilter.PATH, null).statusCode())
                    .as("only POST is answered").isNotEqualTo(200);
            assertUnknownPath(post(system.api(), system.commandUrl(), null));
        }
    }

    private static HttpResponse<String> post(Api api, String baseUrl, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + BenchLimitFilter.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request);
    }
}
