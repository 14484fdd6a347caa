package dev.serviceaccounts.web.problem;

import dev.serviceaccounts.api.error.ErrorCode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's: an error raised before or
 * outside Spring MVC (a servlet filter, Spring Security, the container rejecting a request) is answered as
 * problem+json with the code of its status, like every other error of this app. Requested directly,
 * {@code /error} is a path like any unknown one: 404. A bean of {@link ProblemAutoConfiguration}, which puts it
 * in place of Spring Boot's {@code BasicErrorController}.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    /** @return the problem for the error being dispatched; 404 when there is none */
    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return answer(Problems.of(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, Problems.NO_SUCH_RESOURCE),
                    request.getRequestURI());
        }
        HttpStatus status = statusOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        ErrorCode code = ErrorCode.forHttpStatus(status.value());
        return answer(Problems.of(code, status, detail(code)),
                (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, String path) {
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return Problems.answer(problem);
    }

    private static HttpStatus statusOf(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String detail(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> Problems.NO_SUCH_RESOURCE;
            case MALFORMED_REQUEST -> Problems.REJECTED_REQUEST;
            case UNAUTHORIZED -> "Send Authorization: Bearer <access token from POST /oauth/token>";
            case FORBIDDEN -> "The access token does not allow this";
            case METHOD_NOT_ALLOWED -> "This path does not take this HTTP method";
            case INTERNAL_ERROR -> "The server failed to answer this request";
            default -> "The request could not be answered";
        };
    }
}
