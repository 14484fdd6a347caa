package dev.serviceaccounts.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.Names;
import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactStatus;
import dev.serviceaccounts.api.directory.CreatePersonCommand;
import dev.serviceaccounts.api.directory.DeactivatePersonCommand;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.directory.PersonDeactivatedEvent;
import dev.serviceaccounts.api.directory.PersonReactivatedEvent;
import dev.serviceaccounts.api.directory.ReactivatePersonCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.command.CompanyGuard;
import dev.serviceaccounts.command.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person in one or more company directories. Their email may change freely; its uniqueness in each
 * directory (docs/design.md §3 invariant 3) is a set-based rule checked at the edge ({@link DirectoryEmails}).
 * A person never leaves its last directory; its own company makes it inactive instead, and active again
 * (Procore's inactive directory user; docs/contacts.md). The directory commands reach it through
 * {@link ContactCommandHandler}.
 */
@Aggregate
class Person implements DirectoryContact {

    @AggregateIdentifier
    private ContactId contactId;
    private CompanyId home;
    private String name;
    private ContactStatus status;
    @AggregateMember
    private final DirectoryEntry entry = new DirectoryEntry();

    @CommandHandler
    Person(CreatePersonCommand command) {
        String[] fields = checkFields(command.name(), command.email());
        apply(new PersonCreatedEvent(command.contactId(), command.companyId(), fields[0], fields[1]));
    }

    /**
     * @return the trimmed name and the email in normal form
     * @throws DomainException INVALID_FIELD listing every field that breaks a rule
     */
    static String[] checkFields(String rawName, String rawEmail) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = Names.check(rawName, "name", errors);
        String email = null;
        try {
            email = Emails.normalise(rawEmail);
        } catch (DomainException invalid) {
            errors.putAll(invalid.details().fieldErrors());
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields(errors);
        }
        return new String[] {name, email};
    }

    /** Every command passes the company check first ({@link #checkCompany}). */
    @CommandHandlerInterceptor
    Object guard(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        checkCompany(command.getPayload());
        return chain.proceed();
    }

    @Override
    public void checkCompany(Object command) {
        CompanyGuard.check(command, home, entry::isIn, "Contact");
    }

    @Override
    public void changeEmail(ChangeDirectoryEmailCommand command) {
        entry.requireIn(command.companyId());
        String newEmail = Emails.normalise(command.email());
        if (!newEmail.equals(entry.email())) {
            apply(new DirectoryEmailChangedEvent(contactId, ContactKind.PERSON, command.companyId(), null,
                    entry.email(), newEmail, false));
        }
    }

    @Override
    public void addTo(AddContactToDirectoryCommand command) {
        if (!entry.isIn(command.companyId())) {
            apply(new ContactAddedToDirectoryEvent(contactId, ContactKind.PERSON, command.companyId(), null, name,
                    entry.email(), false));
        }
    }

    @Override
    public void removeFrom(RemoveContactFromDirectoryCommand command) {
        entry.requireIn(command.companyId());
        if (entry.directories().size() == 1) {
            throw new DomainException(ErrorCode.CONTACT_LAST_DIRECTORY, "A person is a member of one or more "
                    + "company directories; this is its last one. Deactivate the person instead.");
        }
        apply(new ContactRemovedFromDirectoryEvent(contactId, ContactKind.PERSON, command.companyId(), null));
    }

    /** Deactivation by the person's own company; no event when already inactive. */
    @CommandHandler
    void handle(DeactivatePersonCommand command) {
        requireManagedBy(command.companyId());
        if (status == ContactStatus.ACTIVE) {
            apply(new PersonDeactivatedEvent(contactId, command.companyId()));
        }
    }

    /** Reactivation by the person's own company; no event when already active. */
    @CommandHandler
    void handle(ReactivatePersonCommand command) {
        requireManagedBy(command.companyId());
        if (status == ContactStatus.INACTIVE) {
            apply(new PersonReactivatedEvent(contactId, command.companyId()));
        }
    }

    /** @throws DomainException NOT_FOUND when not in {@code company}'s directory, FORBIDDEN when not its own company */
    private void requireManagedBy(CompanyId company) {
        entry.requireIn(company);
        if (!home.equals(company)) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "Only the person's own company (the one that added it first) may change its status");
        }
    }

    @Override
    public ContactState contactState(long version) {
        return new ContactState(contactId, home, entry.email(), null, entry.directories(), version);
    }

    /** @return ACTIVE or INACTIVE */
    ContactStatus status() {
        return status;
    }

    @EventSourcingHandler
    void on(PersonCreatedEvent event) {
        contactId = event.contactId();
        home = event.companyId();
        name = event.name();
        status = ContactStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(PersonDeactivatedEvent event) {
        status = ContactStatus.INACTIVE;
    }

    @EventSourcingHandler
    void on(PersonReactivatedEvent event) {
        status = ContactStatus.ACTIVE;
    }

    Person() {
        // for Axon
    }
}
