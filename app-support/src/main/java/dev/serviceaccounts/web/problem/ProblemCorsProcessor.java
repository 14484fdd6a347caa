package dev.serviceaccounts.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.error.ErrorCode;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks with a refusal in the app's error format: a cross-origin request from an origin, or with a
 * method or header, that the configuration does not allow is 403 problem+json ({@code FORBIDDEN}) instead of
 * Spring's plain "Invalid CORS request" without a content type (docs/decisions.md D46, D49).
 */
public class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ObjectMapper objectMapper;

    /** @param objectMapper the app's JSON mapper, which writes the problem */
    public ProblemCorsProcessor(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        objectMapper.writeValue(response.getBody(), Problems.of(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN,
                "This origin may not send this request here across origins"));
        response.flush();
    }
}
