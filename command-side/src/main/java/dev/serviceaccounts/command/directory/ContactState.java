package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.EmailAddresses;
import java.util.Set;

/**
 * A contact as its aggregate holds it now: what the directory rules need at the edge (email reservations,
 * command routing, and who may touch it).
 *
 * @param aggregateId the person's contact id, or the service account's id
 * @param home        the company that created it: the only one that manages it
 * @param directories the company directories it is in
 * @param version     the version of its aggregate this state was read at (sequence number of its last event):
 *                    a command sent on this state's strength names it as the version it must apply on
 */
public record ContactState(ContactId contactId, ContactKind kind, String aggregateId, CompanyId home, String email,
                           Set<CompanyId> directories, long version) {

    /** @return true when this contact is in {@code company}'s directory with {@code email} (compared for uniqueness) */
    public boolean holds(CompanyId company, String email) {
        return directories.contains(company) && EmailAddresses.uniquenessKey(this.email).equals(EmailAddresses.uniquenessKey(email));
    }
}
