package dev.serviceaccounts.api;

import java.util.Map;
import java.util.Optional;

/**
 * The one rule for names of companies, service accounts and people: text of 1–255 Unicode
 * code points after trimming, without control characters (Unicode category Cc: NUL, tabs, line feeds, DEL,
 * C1 controls), line or paragraph separators (U+2028, U+2029), unpaired surrogates (not text at all), or
 * invisible format characters (category Cf): bidirectional marks, embeddings, overrides and isolates
 * (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), which let a name display as something it is not
 * (the "Trojan Source" trick, CVE-2021-42574), and zero-width spaces, soft hyphens and byte-order marks,
 * which make two names look alike. The zero-width joiner and non-joiner (U+200D, U+200C) stay allowed:
 * some scripts and emoji need them. Pure: no I/O, no state.
 */
public final class Names {

    /** Longest name, in Unicode code points (an emoji counts as one character). */
    public static final int MAX_LENGTH = 255;

    private Names() {
    }

    /**
     * @return why {@code raw} is not an acceptable name, or empty when it is
     */
    public static Optional<String> problem(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (raw != null && raw.codePoints().anyMatch(Names::isForbidden)) {
            return Optional.of("must not contain control characters, invisible format characters "
                    + "(bidirectional marks, overrides, isolates, zero-width spaces) or unpaired surrogates");
        }
        if (name.isEmpty()) {
            return Optional.of("must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /**
     * Checks {@code raw} and records a breach under {@code field}.
     *
     * @param errors where a breach is recorded (field name to message)
     * @return the trimmed name ("" when missing)
     */
    public static String check(String raw, String field, Map<String, String> errors) {
        problem(raw).ifPresent(message -> errors.put(field, message));
        return raw == null ? "" : raw.trim();
    }

    /** @return true for a code point no name may hold */
    static boolean isForbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.SURROGATE
                || (type == Character.FORMAT && codePoint != 0x200C && codePoint != 0x200D)
                || codePoint == 0x2028 || codePoint == 0x2029;
    }
}
