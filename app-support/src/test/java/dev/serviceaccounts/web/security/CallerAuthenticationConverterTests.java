package dev.serviceaccounts.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The {@link Caller} made once of a verified access token: operator, service account, or a refusal (401). */
class CallerAuthenticationConverterTests {

    private static final String OPERATOR_ID = "platform-operator";
    private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final CallerAuthenticationConverter converter = new CallerAuthenticationConverter(OPERATOR_ID);

    @Test
    void whenOperatorTokenThenOperatorCallerWithoutCompany() {
        CallerAuthentication authentication = converter.convert(token(OPERATOR_ID).build());

        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getPrincipal()).isEqualTo(
                new Caller(OPERATOR_ID, Optional.empty(), true, ISSUED, null, "token-1"));
        assertThat(authentication.caller().actor()).isEqualTo(Caller.OPERATOR_ACTOR);
        assertThat(authentication.getAuthorities()).isEmpty();
    }

    @Test
    void whenServiceAccountTokenThenCallerOfItsCompanyWithItsAccountVersion() {
        CompanyId company = new CompanyId(UUID.randomUUID().toString());

        CallerAuthentication authentication = converter.convert(token("sa-client")
                .claim("company_id", company.value()).claim("account_version", 7).build());

        assertThat(authentication.getPrincipal()).isEqualTo(
                new Caller("sa-client", Optional.of(company), false, ISSUED, 7L, "token-1"));
        assertThat(authentication.caller().actor()).isEqualTo("sa-client");
        assertThat(authentication.getName()).isEqualTo("sa-client");
        assertThat(authentication.getToken().getClaimAsString("company_id")).isEqualTo(company.value());
    }

    @Test
    void whenTokenHasNoClientIdThenRefusedAs401ProblemJson() throws Exception {
        Jwt token = Jwt.withTokenValue("test-token").header("alg", "ES256").subject("someone")
                .issuedAt(ISSUED).expiresAt(ISSUED.plusSeconds(60)).build();

        assertThatThrownBy(() -> converter.convert(token)).isInstanceOf(InvalidBearerTokenException.class);

        InvalidBearerTokenException refusal = catchRefusal(token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemAuthenticationEntryPoint(new ObjectMapper())
                .commence(new MockHttpServletRequest("GET", "/api/v1/companies"), response, refusal);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void whenCompanyIdMalformedThenRefused() {
        assertThatThrownBy(() -> converter.convert(token("sa-client").claim("company_id", "acme").build()))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private InvalidBearerTokenException catchRefusal(Jwt token) {
        try {
            converter.convert(token);
        } catch (InvalidBearerTokenException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    private static Jwt.Builder token(String clientId) {
        return Jwt.withTokenValue("test-token").header("alg", "ES256").header("typ", "at+jwt")
                .subject(clientId).claim("client_id", clientId).jti("token-1").issuedAt(ISSUED).expiresAt(ISSUED.plusSeconds(60));
    }
}
