package dev.serviceaccounts.command;

import java.util.Map;

/** The name rule shared by companies, service accounts and people: trimmed, 1–255 characters (code points). */
public final class Names {

    /** Longest name, in Unicode code points (an emoji counts as one character). */
    public static final int MAX_LENGTH = 255;

    private Names() {
    }

    /**
     * @param errors where a breach is recorded, under {@code field}
     * @return the trimmed name ("" when missing)
     */
    public static String check(String raw, String field, Map<String, String> errors) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty()) {
            errors.put(field, "must not be blank");
        } else if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            errors.put(field, "must be at most " + MAX_LENGTH + " characters");
        }
        return name;
    }
}
