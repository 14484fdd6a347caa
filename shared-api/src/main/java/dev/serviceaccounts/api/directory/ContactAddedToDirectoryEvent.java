package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/**
 * An existing contact is now also in {@code companyId}'s directory.
 *
 * @param serviceAccountId  the account whose contact it is; null for a person
 * @param acknowledgedBreak true when an admin accepted that this breaks the service account
 *                          (docs/design.md §3 invariant 1)
 */
public record ContactAddedToDirectoryEvent(ContactId contactId, ContactKind kind, CompanyId companyId,
                                           ServiceAccountId serviceAccountId, String name, String email,
                                           boolean acknowledgedBreak) implements CompanyScopedEvent {
}
