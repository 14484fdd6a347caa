package dev.serviceaccounts.command;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.error.ErrorDetails;
import java.util.Map;

/**
 * A business rule said no. Thrown by aggregates and command-side services; crosses the command bus
 * as a {@code CommandExecutionException} whose details are the {@link ErrorDetails}, and is answered
 * as RFC 9457 problem+json with the status of its {@link ErrorCode}.
 */
public class DomainException extends RuntimeException {

    private final transient ErrorDetails details;

    public DomainException(ErrorCode code, String detail) {
        this(new ErrorDetails(code, detail, Map.of()));
    }

    public DomainException(ErrorDetails details) {
        super(details.detail());
        this.details = details;
    }

    /** @return 400 {@link ErrorCode#INVALID_FIELD} with one message per field name */
    public static DomainException invalidFields(Map<String, String> fieldErrors) {
        return new DomainException(new ErrorDetails(ErrorCode.INVALID_FIELD,
                "One or more fields are invalid", fieldErrors));
    }

    /** @return 404 for an id the caller may not see or that does not exist */
    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }

    /** @return the code, detail and field errors */
    public ErrorDetails details() {
        return details;
    }

    /** @return the error code */
    public ErrorCode code() {
        return details.code();
    }
}
