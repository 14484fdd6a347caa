package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;

/**
 * ChangeDirectoryEmail of a contact. {@code companyId} is the directory the caller acts in; the contact must
 * be in it. A service account's contact is refused (docs/design.md §3 invariant 2) unless
 * {@code acknowledgeBreaksServiceAccount}; then applied, and the account is not functional
 * ({@code EMAIL_CHANGED}) until the generated email is set back. A person ignores the flag.
 *
 * <p>{@code expectedVersion}: the version of the contact's aggregate the edge read before it reserved the
 * email in its lookup table; the command fails with a version conflict when the aggregate has moved on since
 * (null: no such check). That is what makes a reservation whose holder moved on provably dead.
 */
public record ChangeDirectoryEmailCommand(ContactId contactId, CompanyId companyId, String email,
                                          boolean acknowledgeBreaksServiceAccount,
                                          Long expectedVersion)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the contact is in */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }


    /** Without a version check. */
    public ChangeDirectoryEmailCommand(ContactId contactId, CompanyId companyId, String email,
                                       boolean acknowledgeBreaksServiceAccount) {
        this(contactId, companyId, email, acknowledgeBreaksServiceAccount, null);
    }
}
