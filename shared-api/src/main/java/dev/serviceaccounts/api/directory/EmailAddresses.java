package dev.serviceaccounts.api.directory;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one home of the directory email rules, for both sides (the command side's checks, the query side's
 * email filter): an email is compared and stored in its {@link #normalForm normal form}, so that spellings
 * of one mailbox (a trailing dot, Unicode compatibility forms, a Unicode domain and its ASCII form, the
 * case of the domain) cannot pass as different addresses. Pure: no I/O, no state.
 */
public final class EmailAddresses {

    /** Longest email, in characters (RFC 5321 §4.5.3.1.3 path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern LOCAL_PART = Pattern.compile("[^@\\s\\p{Cc}\\p{Cf}\\p{Z}]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    /**
     * The normal form of an email: trimmed; Unicode NFKC (fullwidth {@code ＠} and letters become their
     * ASCII forms); the domain converted to ASCII ({@link IDN#toASCII}, RFC 3490 with STD3 rules), lower
     * case, without the trailing dot of a fully qualified name, with at least two labels; the local part
     * kept as written (RFC 5321 §2.4 leaves its case to the receiving host).
     *
     * @return the normal form; empty when {@code email} is missing or not normalisable to an address of at
     *         most {@link #MAX_LENGTH} characters
     */
    public static Optional<String> normalForm(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(email.trim(), Normalizer.Form.NFKC);
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!LOCAL_PART.matcher(local).matches() || domain.endsWith("..")) {
            return Optional.empty();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        String normal = local + "@" + ascii;
        return normal.length() > MAX_LENGTH ? Optional.empty() : Optional.of(normal);
    }

    /**
     * @return the form two emails are compared in for uniqueness (unique per directory, case-insensitive):
     *         the normal form in lower case; for a stored email that predates normalisation and has none,
     *         trimmed and lower case
     */
    public static String uniquenessKey(String email) {
        return normalForm(email).orElseGet(() -> email == null ? "" : email.trim()).toLowerCase(Locale.ROOT);
    }

    /**
     * @return true when {@code email}'s normal form is at {@code domain} (itself in normal form) or at one of
     *         its subdomains
     */
    public static boolean isAt(String email, String domain) {
        String key = uniquenessKey(email);
        return key.endsWith("@" + domain) || key.endsWith("." + domain);
    }
}
