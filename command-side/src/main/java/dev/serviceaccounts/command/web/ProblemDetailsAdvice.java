package dev.serviceaccounts.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.error.ErrorDetails;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.web.problem.ProblemExceptionHandler;
import dev.serviceaccounts.web.problem.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The one place where errors become RFC 9457 {@code application/problem+json}: business errors by their
 * {@link ErrorCode} (whether thrown here or carried across the command bus as
 * {@link CommandExecutionException} details), Spring MVC's own errors (400, 405, 406, 415) by
 * {@link ProblemExceptionHandler}. Field errors appear as {@code errors: {field: message}}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** A rule said no before the command was sent. */
    @ExceptionHandler(DomainException.class)
    public ResponseEntity<ProblemDetail> domain(DomainException e) {
        return problem(e.details());
    }

    /** A rule said no inside a command handler. */
    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        return e.getDetails()
                .filter(ErrorDetails.class::isInstance)
                .map(ErrorDetails.class::cast)
                .map(this::problem)
                .orElseGet(() -> unexpected(e));
    }

    /** The target aggregate does not exist. */
    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return problem(new ErrorDetails(ErrorCode.NOT_FOUND, "Not found", Map.of()));
    }

    /**
     * Two commands changed one aggregate at the same time and this one lost, or the aggregate moved on from
     * the version the command was decided on ({@code @TargetAggregateVersion}), or created the same aggregate first.
     */
    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class,
            AggregateStreamCreationException.class})
    public ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        return problem(new ErrorDetails(ErrorCode.CONCURRENT_MODIFICATION,
                "The resource was changed by another request at the same time; retry", Map.of()));
    }

    /**
     * 400 INVALID_FIELD for a body that is not one JSON value of the expected shape: missing, malformed,
     * followed by more text, or with a value of the wrong type in a field, which is then listed
     * ({@code {"name":1}}: {@code errors: {name: "must be text (a JSON string)"}}).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            fields.put(fieldPath(mismatch.getPath()), "must be " + expected(mismatch.getTargetType()));
        }
        String detail = fields.isEmpty()
                ? "The request body is missing or is not one JSON value of the expected shape (nothing may follow it)"
                : "One or more fields have a value of the wrong type";
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(new ErrorDetails(ErrorCode.INVALID_FIELD, detail, fields)).getBody());
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text (a JSON string)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "of the expected type";
    }

    private ResponseEntity<ProblemDetail> problem(ErrorDetails details) {
        HttpStatus status = HttpStatus.valueOf(details.code().httpStatus());
        ProblemDetail body = Problems.of(details.code(), status, details.detail());
        if (details.code() == ErrorCode.SERVICE_ACCOUNT_EMAIL_FIXED
                || details.code() == ErrorCode.SERVICE_ACCOUNT_SINGLE_DIRECTORY) {
            body.setProperty("acknowledgeWith", Map.of("acknowledgeBreaksServiceAccount", true));
        }
        if (!details.fieldErrors().isEmpty()) {
            body.setProperty("errors", details.fieldErrors());
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.WWW_AUTHENTICATE, Problems.INVALID_TOKEN_CHALLENGE).body(body);
        }
        return Problems.answer(body);
    }

    private ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Command failed unexpectedly", e);
        return Problems.answer(Problems.of(ErrorCode.INTERNAL_ERROR,
                HttpStatus.INTERNAL_SERVER_ERROR, "The command failed; nothing was changed"));
    }
}
