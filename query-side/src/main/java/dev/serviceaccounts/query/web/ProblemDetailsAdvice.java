package dev.serviceaccounts.query.web;

import dev.serviceaccounts.api.error.ErrorCode;
import java.net.URI;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the query API as RFC 9457 {@code application/problem+json}. Invalid query parameters give
 * 400 with {@code errors: {parameter: message}}, as the command side does for fields.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** 400 for malformed or out-of-range query parameters. */
    @ExceptionHandler(InvalidParametersException.class)
    public ProblemDetail invalidParameters(InvalidParametersException e) {
        ProblemDetail problem = Problems.of(ErrorCode.INVALID_FIELD, HttpStatus.BAD_REQUEST,
                "Some query parameters are invalid; see errors");
        problem.setProperty("errors", e.fieldErrors());
        return problem;
    }

    /** 404 for an unknown id or another company's. */
    @ExceptionHandler(NotFoundException.class)
    public ProblemDetail notFound(NotFoundException e) {
        return Problems.of(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, e.getMessage());
    }

    /**
     * 401 {@code TOKEN_REVOKED} for a token issued before its account's last reset, deactivation or deletion,
     * with the RFC 6750 §3.1 {@code invalid_token} challenge.
     */
    @ExceptionHandler(RevokedTokenException.class)
    public ResponseEntity<ProblemDetail> revoked(RevokedTokenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setType(URI.create(ErrorCode.TOKEN_REVOKED.problemType()));
        problem.setTitle(HttpStatus.UNAUTHORIZED.getReasonPhrase());
        problem.setProperty("code", ErrorCode.TOKEN_REVOKED.name());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"The access token no longer counts\"")
                .body(problem);
    }

    /** 403 for a caller of the company without the tool level this read needs. */
    @ExceptionHandler(AccessDeniedException.class)
    public ProblemDetail forbidden(AccessDeniedException e) {
        return Problems.of(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** Spring MVC's own errors (unknown path, wrong method or media type, bad parameter) in this app's vocabulary. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        Object problem = body == null && e instanceof ErrorResponse response
                ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale()) : body;
        if (problem instanceof ProblemDetail detail) {
            Problems.adopt(detail, e);
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }
}
