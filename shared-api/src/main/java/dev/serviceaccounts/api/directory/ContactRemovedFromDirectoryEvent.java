package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/**
 * A contact left {@code companyId}'s directory.
 *
 * @param serviceAccountId the account whose contact it is; null for a person
 */
public record ContactRemovedFromDirectoryEvent(ContactId contactId, ContactKind kind, CompanyId companyId,
                                               ServiceAccountId serviceAccountId) implements CompanyScopedEvent {
}
