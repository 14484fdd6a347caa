package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import java.util.Set;

/**
 * A contact as its aggregate holds it now: what the directory rules need at the edge (email reservations,
 * and who may touch it).
 *
 * @param home           the company that created it: the only one that manages it
 * @param generatedEmail the email the system generated for it (a service account's contact), else null:
 *                       only such a contact may have an email at the reserved domain of generated emails
 * @param directories    the company directories it is in
 * @param version        the version of its aggregate this state was read at (sequence number of its last
 *                       event): a command sent on this state's strength names it as the version it must apply on
 */
public record ContactState(ContactId contactId, CompanyId home, String email, String generatedEmail,
                           Set<CompanyId> directories, long version) {

    /** @return true for a contact with a generated email: the domain of generated emails is not reserved against it */
    public boolean mayUseReservedDomain() {
        return generatedEmail != null;
    }

    /** @return true when this contact is in {@code company}'s directory with {@code email} (compared for uniqueness) */
    public boolean holds(CompanyId company, String email) {
        return directories.contains(company) && EmailAddresses.uniquenessKey(this.email).equals(EmailAddresses.uniquenessKey(email));
    }
}
