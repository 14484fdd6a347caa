package dev.serviceaccounts.api.directory;

import java.util.List;

/**
 * A contact of a company directory, as listed by the query side.
 *
 * @param serviceAccountId the account whose contact it is; null for a person
 * @param companyIds       every directory the contact is in
 * @param version          sequence number of the last event applied
 * @param status           ACTIVE unless a person was deactivated; a view stored before statuses existed
 *                         (null) reads as ACTIVE
 */
public record DirectoryContactView(String id, ContactKind kind, String name, String email,
                                   String serviceAccountId, List<String> companyIds, long version,
                                   ContactStatus status) {

    public DirectoryContactView {
        status = status == null ? ContactStatus.ACTIVE : status;
    }
}
