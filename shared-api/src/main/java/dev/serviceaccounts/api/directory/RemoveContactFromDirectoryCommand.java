package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;

/**
 * Removes a contact from {@code companyId}'s directory. A person never leaves its last directory (deactivate
 * it instead), a service account's contact never leaves its home directory (delete the account instead).
 */
public record RemoveContactFromDirectoryCommand(ContactId contactId, CompanyId companyId) {
}
