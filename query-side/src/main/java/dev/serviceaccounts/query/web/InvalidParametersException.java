package dev.serviceaccounts.query.web;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Query parameters that are malformed or out of range: answered 400 with every field's message (docs/design.md §5). */
public class InvalidParametersException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    /** @param fieldErrors a message per parameter name, at least one */
    public InvalidParametersException(Map<String, String> fieldErrors) {
        super("Invalid query parameters: " + fieldErrors.keySet(), null, false, false);
        this.fieldErrors = Collections.unmodifiableMap(new TreeMap<>(fieldErrors));
    }

    /** @return a message per invalid parameter name, sorted by name */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
