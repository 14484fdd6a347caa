package dev.serviceaccounts.api.directory;

import java.util.List;

/**
 * A service account's company-directory contact as shown with its account.
 *
 * @param generatedEmail the email the system generated; the account works only while {@code email} equals it
 * @param companyIds     the directories the contact is in; the account works only while this is its home alone
 */
public record ContactView(String id, String email, String generatedEmail, List<String> companyIds) {
}
