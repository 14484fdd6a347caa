package dev.serviceaccounts.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a missing or bad bearer token: the RFC 6750 §3 {@code WWW-Authenticate} header, and an
 * RFC 9457 problem body that says what to do. A bean of every servlet app ({@link ProblemAutoConfiguration});
 * each app's filter chain uses it for its resource server and its exception handling.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final String INVALID_TOKEN_DESCRIPTION =
            "The access token is malformed, not ours, expired or revoked; get a new one from POST /oauth/token";

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ObjectMapper objectMapper;

    /** @param objectMapper the app's JSON mapper, which writes the problem body */
    public ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException failure) throws IOException {
        bearer.commence(request, response, inOurWords(failure));
        ProblemDetail problem = Problems.of(ErrorCode.UNAUTHORIZED, HttpStatus.UNAUTHORIZED,
                "Send Authorization: Bearer <access token from POST /oauth/token>");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /**
     * A token the decoder refused gets one description of ours in its {@code WWW-Authenticate} challenge, not
     * the parser's words (which tell an attacker what it checked: signature, key, algorithm).
     */
    private static AuthenticationException inOurWords(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth
                && BearerTokenErrorCodes.INVALID_TOKEN.equals(oauth.getError().getErrorCode())) {
            return new InvalidBearerTokenException(INVALID_TOKEN_DESCRIPTION);
        }
        return failure;
    }
}
