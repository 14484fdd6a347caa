package dev.serviceaccounts.query.web;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.web.problem.ProblemExceptionHandler;
import dev.serviceaccounts.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the query API as RFC 9457 {@code application/problem+json}. Invalid query parameters give
 * 400 with {@code errors: {parameter: message}}, as the command side does for fields; Spring MVC's own errors
 * by {@link ProblemExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ProblemExceptionHandler {

    /** 400 for malformed or out-of-range query parameters. */
    @ExceptionHandler(InvalidParametersException.class)
    public ResponseEntity<ProblemDetail> invalidParameters(InvalidParametersException e) {
        ProblemDetail problem = Problems.of(ErrorCode.INVALID_FIELD, HttpStatus.BAD_REQUEST,
                "Some query parameters are invalid; see errors");
        problem.setProperty("errors", e.fieldErrors());
        return Problems.answer(problem);
    }

    /** 409 for a request this instance cannot carry out now, with the exception's properties. */
    @ExceptionHandler(ConflictException.class)
    public ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = Problems.of(e.code(), HttpStatus.CONFLICT, e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** 404 for an unknown id or another company's. */
    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.answer(Problems.of(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, e.getMessage()));
    }
}
