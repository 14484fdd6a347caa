package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JWKS answers in the media type the {@code Accept} header asks for (docs/design.md §6, I1):
 * {@code application/jwk-set+json} (RFC 7517 §8.5) or {@code application/json}; {@code *}{@code /*} and no
 * {@code Accept} get {@code application/jwk-set+json}.
 */
class JwksMediaTypeTests {

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    static Stream<Arguments> requests() {
        return Stream.of("/oauth/jwks", "/.well-known/jwks.json").flatMap(path -> Stream.of(
                Arguments.of(path, "application/json", "application/json"),
                Arguments.of(path, "application/jwk-set+json", "application/jwk-set+json"),
                Arguments.of(path, "*/*", "application/jwk-set+json"),
                Arguments.of(path, null, "application/jwk-set+json")));
    }

    @ParameterizedTest(name = "{0} Accept: {1}")
    @MethodSource("requests")
    void getWhenAcceptGivenThenAnsweredInThatMediaType(String path, String accept, String expected) {
        HttpResponse<String> response = accept == null ? api.get(system.queryUrl() + path, null)
                : api.get(system.queryUrl() + path, null, "Accept", accept);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith(expected));
        assertThat(Api.json(response).get("keys").isArray()).isTrue();
    }
}
