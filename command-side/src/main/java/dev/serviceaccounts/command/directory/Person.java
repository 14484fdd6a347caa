package dev.serviceaccounts.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.Names;
import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.CreatePersonCommand;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
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
 */
@Aggregate
class Person {

    @AggregateIdentifier
    private ContactId contactId;
    private CompanyId home;
    private String name;
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

    /** Every command passes the company check first ({@link CompanyGuard}). */
    @CommandHandlerInterceptor
    Object guard(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        CompanyGuard.check(command.getPayload(), home, entry::isIn, "Contact");
        return chain.proceed();
    }

    @CommandHandler
    void handle(ChangeDirectoryEmailCommand command) {
        entry.requireIn(command.companyId());
        String newEmail = Emails.normalise(command.email());
        if (!newEmail.equals(entry.email())) {
            apply(new DirectoryEmailChangedEvent(contactId, ContactKind.PERSON, command.companyId(), null,
                    entry.email(), newEmail, false));
        }
    }

    @CommandHandler
    void handle(AddContactToDirectoryCommand command) {
        if (!entry.isIn(command.companyId())) {
            apply(new ContactAddedToDirectoryEvent(contactId, ContactKind.PERSON, command.companyId(), null, name,
                    entry.email(), false));
        }
    }

    @CommandHandler
    void handle(RemoveContactFromDirectoryCommand command) {
        entry.requireIn(command.companyId());
        if (entry.directories().size() == 1) {
            throw new DomainException(ErrorCode.CONTACT_LAST_DIRECTORY,
                    "A contact is a member of one or more company directories; this is its last one");
        }
        apply(new ContactRemovedFromDirectoryEvent(contactId, ContactKind.PERSON, command.companyId(), null));
    }

    /** @return this person's email and directories, read at {@code version} of this aggregate */
    ContactState state(Long version) {
        return new ContactState(contactId, ContactKind.PERSON, contactId.value(), home, entry.email(),
                entry.directories(), version);
    }

    @EventSourcingHandler
    void on(PersonCreatedEvent event) {
        contactId = event.contactId();
        home = event.companyId();
        name = event.name();
    }

    Person() {
        // for Axon
    }
}
