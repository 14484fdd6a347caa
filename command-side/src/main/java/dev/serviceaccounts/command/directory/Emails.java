package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.command.DomainException;
import java.util.Map;

/**
 * The command side's use of the directory email rules ({@link EmailAddresses}, shared with the query side):
 * the normal form, with a missing or malformed email refused as a field error.
 */
public final class Emails {

    /** Longest email, in characters. */
    public static final int MAX_LENGTH = EmailAddresses.MAX_LENGTH;

    private static final String MESSAGE = "must be an email address of at most " + MAX_LENGTH + " characters";

    private Emails() {
    }

    /**
     * @return the normal form ({@link EmailAddresses#normalForm})
     * @throws DomainException INVALID_FIELD {@code email} when missing or not normalisable to an address
     */
    public static String normalise(String email) {
        return EmailAddresses.normalForm(email)
                .orElseThrow(() -> DomainException.invalidFields(Map.of("email", MESSAGE)));
    }
}
