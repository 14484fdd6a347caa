package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/**
 * Removes a contact from {@code companyId}'s directory. A person never leaves its last directory (deactivate
 * it instead), a service account's contact never leaves its home directory (delete the account instead).
 */
public record RemoveContactFromDirectoryCommand(ContactId contactId, CompanyId companyId)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the contact is in */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }
}
