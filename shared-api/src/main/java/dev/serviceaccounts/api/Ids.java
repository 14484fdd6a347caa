package dev.serviceaccounts.api;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validation shared by the id value types; not part of the wire format. */
public final class Ids {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    /**
     * Checks that {@code value} is a canonical lower-case UUID string.
     *
     * @return the value unchanged
     * @throws IllegalArgumentException when it is null or not a UUID
     */
    public static String requireUuid(String value, String what) {
        Objects.requireNonNull(value, what + " is required");
        try {
            if (UUID.fromString(value).toString().equals(value)) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the uniform message
        }
        throw new IllegalArgumentException(what + " must be a UUID: " + value);
    }

    /**
     * Checks that {@code value} is 1–64 characters of {@code [A-Za-z0-9_-]} (URL- and form-safe).
     *
     * @return the value unchanged
     * @throws IllegalArgumentException otherwise
     */
    public static String requireToken(String value, String what) {
        Objects.requireNonNull(value, what + " is required");
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of [A-Za-z0-9_-]");
        }
        return value;
    }
}
