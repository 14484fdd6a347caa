package dev.serviceaccounts.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request that Spring Security's firewall rejects (a path with an empty, encoded or dot segment,
 * such as {@code /api/v1/companies//service-accounts}, which is what a shell variable left empty makes). Under
 * {@code /api/}, a request that carries no bearer token, or an empty one, is answered first as what it lacks:
 * 401 problem+json with the RFC 6750 §3 challenge, as a well-formed request would be, so that the caller
 * fixes the missing token before the path. Every other rejected request is 400 problem+json
 * {@code MALFORMED_REQUEST}, written here: not through the error page, whose dispatch keeps the method and headers
 * the firewall refused (an unknown method such as {@code get}, a header value with a control character) and would be
 * refused again, leaving a bare 400 (docs/decisions.md D46). A bean of {@link ProblemAutoConfiguration}.
 */
public class MissingTokenFirstRejectedHandler implements RequestRejectedHandler {

    private static final String API_PREFIX = "/api/";

    private final ProblemAuthenticationEntryPoint entryPoint;
    private final ObjectMapper objectMapper;

    /**
     * @param entryPoint   writes the 401
     * @param objectMapper the app's JSON mapper, which writes the 400's problem
     */
    public MissingTokenFirstRejectedHandler(ProblemAuthenticationEntryPoint entryPoint, ObjectMapper objectMapper) {
        this.entryPoint = entryPoint;
        this.objectMapper = objectMapper;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        String path = request.getRequestURI();
        if (path != null && path.startsWith(API_PREFIX) && !carriesToken(request)) {
            entryPoint.commence(request, response, new InsufficientAuthenticationException(
                    "Full authentication is required to access this resource"));
            return;
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(),
                Problems.of(ErrorCode.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, Problems.REJECTED_REQUEST));
    }

    /** @return true when an {@code Authorization: Bearer} header with a non-blank token is sent */
    private static boolean carriesToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() < "bearer ".length()) {
            return false;
        }
        return authorization.regionMatches(true, 0, "bearer ", 0, "bearer ".length())
                && !authorization.substring("bearer ".length()).isBlank();
    }
}
