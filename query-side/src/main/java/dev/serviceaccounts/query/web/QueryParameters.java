package dev.serviceaccounts.query.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Parses optional query-string parameters and collects every error, so that one 400 lists them all.
 * Each {@code parse} method returns null for an absent parameter or an invalid one (then noted);
 * {@link #validate()} throws when anything was invalid.
 */
public final class QueryParameters {

    private final Map<String, String> errors = new TreeMap<>();

    /** @return the constant named {@code value} (case-insensitive), or null */
    public <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    /** @return {@code true} or {@code false} (case-insensitive), or null */
    public Boolean parseBoolean(String name, String value) {
        if (value == null) {
            return null;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("true") && !normalized.equals("false")) {
            errors.put(name, "must be true or false");
            return null;
        }
        return Boolean.valueOf(normalized);
    }

    /** @return the integer in {@code [min, max]}, {@code defaultValue} when absent, or null when invalid */
    public Integer parseInt(String name, String value, int min, int max, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, "must be an integer from " + min + " to " + max);
        return null;
    }

    /** @return the trimmed text of at most {@code maxLength} characters, not blank, or null */
    public String parseText(String name, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > maxLength) {
            errors.put(name, "must be 1 to " + maxLength + " characters");
            return null;
        }
        return trimmed;
    }

    /**
     * @param parser turns the text into a value; throws {@link IllegalArgumentException} when it cannot
     * @return the parsed value, or null
     */
    public <T> T parse(String name, String value, Function<String, T> parser, String message) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            errors.put(name, message);
            return null;
        }
    }

    /**
     * An instant that is not after {@code now}: ISO-8601 with {@code Z} or an offset ({@code 2026-11-30T10:00:00Z},
     * {@code 2026-11-30T11:00:00+01:00}), read to the millisecond. A space where the offset's {@code +} belongs is
     * taken as that {@code +} (an unencoded {@code +} in a query string arrives as a space).
     *
     * @return the instant in UTC, truncated to the millisecond, or null (absent; or invalid, then noted: malformed,
     *         or in the future)
     */
    public Instant parsePastInstant(String name, String value, Instant now) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant().truncatedTo(ChronoUnit.MILLIS);
            instant.toEpochMilli(); // beyond about 292 million years from 1970 no stored time can compare with it
        } catch (ArithmeticException e) {
            errors.put(name, "is out of range: an ISO-8601 instant within 292 million years of 1970");
            return null;
        } catch (DateTimeParseException e) {
            errors.put(name, "must be an ISO-8601 instant with Z or an offset, such as 2026-11-30T10:00:00Z or "
                    + "2026-11-30T11:00:00+01:00 (%2B01:00 in a URL)");
            return null;
        }
        if (instant.isAfter(now)) {
            errors.put(name, "is in the future: " + name + " must not be after now (" + now + ")");
            return null;
        }
        return instant;
    }

    /** @throws InvalidParametersException listing every invalid parameter, when there is one */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidParametersException(errors);
        }
    }
}
