package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.command.DomainException;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Directory email rules, in one place for every path that takes an email (create person, change email,
 * the reserved-domain check, uniqueness): an email is compared and stored in its {@link #normalise normal
 * form}, so that spellings of one mailbox (a trailing dot, Unicode compatibility forms, a Unicode domain
 * and its ASCII form, the case of the domain) cannot pass as different addresses.
 */
public final class Emails {

    /** Longest email, in characters (RFC 5321 §4.5.3.1.3 path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern LOCAL_PART = Pattern.compile("[^@\\s\\p{Cc}\\p{Cf}\\p{Z}]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String MESSAGE = "must be an email address of at most " + MAX_LENGTH + " characters";

    private Emails() {
    }

    /**
     * The normal form of an email: trimmed; Unicode NFKC (fullwidth {@code ＠} and letters become their
     * ASCII forms); the domain converted to ASCII ({@link IDN#toASCII}, RFC 3490 with STD3 rules), lower
     * case, without the trailing dot of a fully qualified name, with at least two labels; the local part
     * kept as written (RFC 5321 §2.4 leaves its case to the receiving host).
     *
     * @return the normal form
     * @throws DomainException INVALID_FIELD {@code email} when missing or not normalisable to an address
     */
    public static String normalise(String email) {
        if (email == null) {
            throw invalid();
        }
        String text = Normalizer.normalize(email.trim(), Normalizer.Form.NFKC);
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw invalid();
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!LOCAL_PART.matcher(local).matches() || domain.endsWith("..")) {
            throw invalid();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            throw invalid();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid();
            }
        }
        String normal = local + "@" + ascii;
        if (normal.length() > MAX_LENGTH) {
            throw invalid();
        }
        return normal;
    }

    /**
     * @return the form two emails are compared in for uniqueness (unique per directory, case-insensitive): the normal form in
     *         lower case; for a stored email that predates normalisation and has none, trimmed and lower case
     */
    public static String uniquenessKey(String email) {
        String normal;
        try {
            normal = normalise(email);
        } catch (DomainException notNormalisable) {
            normal = email.trim();
        }
        return normal.toLowerCase(Locale.ROOT);
    }

    /**
     * @return true when {@code email}'s normal form is at {@code domain} (itself in normal form) or at one of
     *         its subdomains
     */
    public static boolean isAt(String email, String domain) {
        String key = uniquenessKey(email);
        return key.endsWith("@" + domain) || key.endsWith("." + domain);
    }

    private static DomainException invalid() {
        return DomainException.invalidFields(Map.of("email", MESSAGE));
    }
}
