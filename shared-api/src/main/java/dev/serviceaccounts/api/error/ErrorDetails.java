package dev.serviceaccounts.api.error;

import java.util.Map;

/**
 * The details of a business error as carried in a {@code CommandExecutionException}: its code,
 * a human-readable detail and, for {@link ErrorCode#INVALID_FIELD}, a message per field name.
 */
public record ErrorDetails(ErrorCode code, String detail, Map<String, String> fieldErrors) {

    public ErrorDetails {
        fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
    }
}
