package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/**
 * Adds an existing contact (a person, or a service account's contact) to {@code companyId}'s directory too.
 * A service account's contact is refused (docs/design.md §3 invariant 1) unless
 * {@code acknowledgeBreaksServiceAccount}; then the account is not functional ({@code IN_FOREIGN_DIRECTORY})
 * until the contact is removed from that directory. A person ignores the flag.
 *
 * <p>{@code expectedVersion}: the version of the contact's aggregate the edge read before it reserved the
 * email in its lookup table; the command fails with a version conflict when the aggregate has moved on since
 * (null: no such check). That is what makes a reservation whose holder moved on provably dead.
 */
public record AddContactToDirectoryCommand(ContactId contactId, CompanyId companyId,
                                           boolean acknowledgeBreaksServiceAccount,
                                           Long expectedVersion)
        implements CompanyScopedCommand {

    /** @return {@link Scope#JOINED}: the directory the contact joins */
    @Override
    public Scope companyScope() {
        return Scope.JOINED;
    }

    /** Without a version check. */
    public AddContactToDirectoryCommand(ContactId contactId, CompanyId companyId, boolean acknowledgeBreaksServiceAccount) {
        this(contactId, companyId, acknowledgeBreaksServiceAccount, null);
    }
}
