package dev.serviceaccounts.web.problem;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own errors (400, 404, 405, 406, 415) as RFC 9457 problems in the project's vocabulary
 * ({@link Problems#adopt}), and the refusals of the access policy. Each app's {@code @RestControllerAdvice} extends
 * it with the handlers of its own errors. Every problem names its {@code Content-Type} itself
 * ({@link Problems#answer}): left to content negotiation, an {@code Accept} header Spring cannot parse
 * ({@code a/b/c}) would drop the body and leave a bare status (docs/decisions.md D46).
 */
public abstract class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    /** Spring MVC's own errors (unknown path, wrong method or media type, bad parameter) in this app's vocabulary. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        Object problem = body == null && e instanceof ErrorResponse response
                ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale()) : body;
        if (problem instanceof ProblemDetail detail) {
            Problems.adopt(detail, e);
            HttpHeaders typed = new HttpHeaders();
            typed.putAll(headers);
            typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.handleExceptionInternal(e, problem, typed, status, request);
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    /**
     * A caller the access policy refused: 404 for a company it may not see, 403 for too low a level, 401
     * {@code TOKEN_REVOKED} with the RFC 6750 §3.1 {@code invalid_token} challenge.
     */
    @ExceptionHandler(AccessRefusedException.class)
    public ResponseEntity<ProblemDetail> refused(AccessRefusedException e) {
        HttpStatus status = HttpStatus.valueOf(e.code().httpStatus());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, Problems.INVALID_TOKEN_CHALLENGE);
        }
        return response.body(Problems.of(e.code(), status, e.getMessage()));
    }
}
