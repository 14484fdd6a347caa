package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/**
 * A contact's email changed (in every directory it is in).
 *
 * @param companyId                the directory the change was made in
 * @param serviceAccountId         the account whose contact it is; null for a person
 * @param acknowledgedBreak        true when an admin accepted that this breaks the service account
 *                                 (docs/design.md §3 invariant 2)
 */
public record DirectoryEmailChangedEvent(ContactId contactId, ContactKind kind, CompanyId companyId,
                                         ServiceAccountId serviceAccountId, String previousEmail, String email,
                                         boolean acknowledgedBreak) implements CompanyScopedEvent {
}
