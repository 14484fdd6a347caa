package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;

/**
 * A contact left {@code companyId}'s directory.
 *
 * @param serviceAccountId the account whose contact it is; null for a person
 */
public record ContactRemovedFromDirectoryEvent(ContactId contactId, ContactKind kind, CompanyId companyId,
                                               ServiceAccountId serviceAccountId) {
}
