package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.command.DomainException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A contact's email and the company directories it is in, as its events say: the state both kinds of
 * contact share, held as an aggregate member by {@link Person} and by the service account's contact, whose
 * rules differ but whose directory facts are the same.
 */
public class DirectoryEntry {

    private String email;
    private final Set<CompanyId> directories = new LinkedHashSet<>();

    /** @return the current email */
    public String email() {
        return email;
    }

    /** @return the directories it is in (a copy) */
    public Set<CompanyId> directories() {
        return Set.copyOf(directories);
    }

    /** @return true when it is in {@code company}'s directory */
    public boolean isIn(CompanyId company) {
        return directories.contains(company);
    }

    /** @throws DomainException NOT_FOUND when it is not in {@code company}'s directory */
    public void requireIn(CompanyId company) {
        if (!directories.contains(company)) {
            throw DomainException.notFound("Contact");
        }
    }

    @EventSourcingHandler
    void on(PersonCreatedEvent event) {
        email = event.email();
        directories.add(event.companyId());
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        email = event.generatedEmail();
        directories.add(event.companyId());
    }

    @EventSourcingHandler
    void on(DirectoryEmailChangedEvent event) {
        email = event.email();
    }

    @EventSourcingHandler
    void on(ContactAddedToDirectoryEvent event) {
        directories.add(event.companyId());
    }

    @EventSourcingHandler
    void on(ContactRemovedFromDirectoryEvent event) {
        directories.remove(event.companyId());
    }
}
