package dev.serviceaccounts.query.web;

import dev.serviceaccounts.api.error.ErrorCode;
import java.util.Map;

/**
 * A request this instance cannot carry out in the state it is in: answered 409 problem+json with {@code code}'s type,
 * the message as {@code detail} and each of {@code properties} as a property of the problem.
 */
public class ConflictException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public ConflictException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    /** @return the error's code, of HTTP status 409 */
    public ErrorCode code() {
        return code;
    }

    /** @return the problem's extra properties */
    public Map<String, Object> properties() {
        return properties;
    }
}
