package dev.serviceaccounts.query.directory;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactStatus;
import dev.serviceaccounts.api.directory.DirectoryContactView;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.directory.PersonDeactivatedEvent;
import dev.serviceaccounts.api.directory.PersonReactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import dev.serviceaccounts.query.view.RebuildableView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the company-directory view ({@link DirectoryContactView} documents) on its own tracking event
 * processor. A person's events come from the person's aggregate, a service-account contact's from the
 * account's aggregate; either way one aggregate owns a contact, so an event at or below the document's
 * version has been applied and is skipped (idempotent under at-least-once delivery).
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    /** Name of this projection's tracking event processor. */
    public static final String PROCESSING_GROUP = "directory-view";

    private final DirectoryContacts contacts;

    public DirectoryProjection(DirectoryContacts contacts) {
        this.contacts = contacts;
    }

    @EventHandler
    void on(PersonCreatedEvent event, @SequenceNumber long sequence) {
        createIfAbsent(new DirectoryContactView(event.contactId().value(), ContactKind.PERSON, event.name(),
                event.email(), null, List.of(event.companyId().value()), sequence, ContactStatus.ACTIVE));
    }

    /** The account's contact: kind SERVICE_ACCOUNT, the account's name, its home company's directory. */
    @EventHandler
    void on(ServiceAccountCreatedEvent event, @SequenceNumber long sequence) {
        createIfAbsent(new DirectoryContactView(event.contactId().value(), ContactKind.SERVICE_ACCOUNT, event.name(),
                event.generatedEmail(), event.serviceAccountId().value(), List.of(event.companyId().value()), sequence,
                ContactStatus.ACTIVE));
    }

    @EventHandler
    void on(ServiceAccountEditedEvent event, @SequenceNumber long sequence) {
        update(contacts.findByServiceAccount(event.serviceAccountId().value()), sequence,
                contact -> changed(contact, event.name(), contact.email(), contact.companyIds(), sequence));
    }

    @EventHandler
    void on(DirectoryEmailChangedEvent event, @SequenceNumber long sequence) {
        update(contacts.find(event.contactId().value()), sequence,
                contact -> changed(contact, contact.name(), event.email(), contact.companyIds(), sequence));
    }

    /** Adds the directory; a contact not seen before is taken from the event. */
    @EventHandler
    void on(ContactAddedToDirectoryEvent event, @SequenceNumber long sequence) {
        String companyId = event.companyId().value();
        Optional<DirectoryContactView> known = contacts.find(event.contactId().value());
        if (known.isEmpty()) {
            contacts.save(new DirectoryContactView(event.contactId().value(), event.kind(), event.name(), event.email(),
                    event.serviceAccountId() == null ? null : event.serviceAccountId().value(), List.of(companyId),
                    sequence, ContactStatus.ACTIVE));
            return;
        }
        update(known, sequence, contact -> changed(contact, contact.name(), contact.email(),
                directories(contact.companyIds(), companyId, true), sequence));
    }

    /** Removes the directory; a contact in no directory is kept (no list shows it) so its version stays. */
    @EventHandler
    void on(ContactRemovedFromDirectoryEvent event, @SequenceNumber long sequence) {
        update(contacts.find(event.contactId().value()), sequence, contact -> changed(contact, contact.name(),
                contact.email(), directories(contact.companyIds(), event.companyId().value(), false), sequence));
    }

    /** An inactive person stays listed in its directories, with status INACTIVE. */
    @EventHandler
    void on(PersonDeactivatedEvent event, @SequenceNumber long sequence) {
        update(contacts.find(event.contactId().value()), sequence,
                contact -> withStatus(contact, ContactStatus.INACTIVE, sequence));
    }

    @EventHandler
    void on(PersonReactivatedEvent event, @SequenceNumber long sequence) {
        update(contacts.find(event.contactId().value()), sequence,
                contact -> withStatus(contact, ContactStatus.ACTIVE, sequence));
    }

    @ResetHandler
    void reset() {
        contacts.deleteAll();
    }

    /** @return this view rebuilt beside the live one (docs/decisions.md D39): this projection, another collection */
    @Bean
    static RebuildableView directoryRebuildable(MongoTemplate mongo) {
        return RebuildableView.of(PROCESSING_GROUP, DirectoryContacts.COLLECTION,
                collection -> new DirectoryProjection(new DirectoryContacts(mongo, () -> collection)));
    }

    /** @return the id of the contact a handler of {@code event} finds by id ({@link DirectoryContacts#find}); or null */
    static String contactLookedUp(Object event) {
        ContactId id = null;
        if (event instanceof PersonCreatedEvent e) {
            id = e.contactId();
        } else if (event instanceof ServiceAccountCreatedEvent e) {
            id = e.contactId();
        } else if (event instanceof DirectoryEmailChangedEvent e) {
            id = e.contactId();
        } else if (event instanceof ContactAddedToDirectoryEvent e) {
            id = e.contactId();
        } else if (event instanceof ContactRemovedFromDirectoryEvent e) {
            id = e.contactId();
        } else if (event instanceof PersonDeactivatedEvent e) {
            id = e.contactId();
        } else if (event instanceof PersonReactivatedEvent e) {
            id = e.contactId();
        }
        return id == null ? null : id.value();
    }

    /**
     * @return the id of the account whose contact a handler of {@code event} finds by account
     *         ({@link DirectoryContacts#findByServiceAccount}); or null
     */
    static String accountLookedUp(Object event) {
        return event instanceof ServiceAccountEditedEvent edited ? edited.serviceAccountId().value() : null;
    }

    private void createIfAbsent(DirectoryContactView contact) {
        if (contacts.find(contact.id()).isEmpty()) {
            contacts.save(contact);
        }
    }

    private void update(Optional<DirectoryContactView> contact, long sequence,
                        UnaryOperator<DirectoryContactView> change) {
        contact.filter(current -> current.version() < sequence).map(change).ifPresent(contacts::save);
    }

    private static DirectoryContactView changed(DirectoryContactView contact, String name, String email,
                                                List<String> companyIds, long version) {
        return new DirectoryContactView(contact.id(), contact.kind(), name, email, contact.serviceAccountId(),
                companyIds, version, contact.status());
    }

    private static DirectoryContactView withStatus(DirectoryContactView contact, ContactStatus status, long version) {
        return new DirectoryContactView(contact.id(), contact.kind(), contact.name(), contact.email(),
                contact.serviceAccountId(), contact.companyIds(), version, status);
    }

    private static List<String> directories(List<String> current, String companyId, boolean member) {
        Set<String> ids = new LinkedHashSet<>(current);
        if (member) {
            ids.add(companyId);
        } else {
            ids.remove(companyId);
        }
        return List.copyOf(ids);
    }
}
