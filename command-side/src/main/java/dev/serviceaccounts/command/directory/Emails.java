package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.command.DomainException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Directory email rules: trimmed, at most 254 characters, one {@code @} with a dotted domain. */
public final class Emails {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_LENGTH = 254;

    private Emails() {
    }

    /**
     * @return {@code email} trimmed
     * @throws DomainException INVALID_FIELD {@code email} when missing or malformed
     */
    public static String requireValid(String email) {
        String trimmed = email == null ? "" : email.trim();
        if (trimmed.length() > MAX_LENGTH || !SHAPE.matcher(trimmed).matches()) {
            throw DomainException.invalidFields(Map.of("email", "must be an email address of at most 254 characters"));
        }
        return trimmed;
    }

    /** @return the form two emails are compared in for uniqueness (DESIGN §3 invariant 3): trimmed, lower case */
    public static String uniquenessKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
