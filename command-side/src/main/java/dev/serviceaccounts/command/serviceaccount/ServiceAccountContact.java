package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.directory.ContactState;
import dev.serviceaccounts.command.directory.DirectoryEntry;
import dev.serviceaccounts.command.directory.Emails;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateMember;

/**
 * The company-directory contact of a service account, and the two rules Procore only warns about
 * (docs/design.md §3 invariants 1 and 2): its email never changes, and it is in its home company's directory
 * only. Breaking either is rejected unless acknowledged; then the account is not functional until the
 * change is undone (email set back, contact removed from the other directory).
 */
class ServiceAccountContact {

    private ServiceAccountId serviceAccountId;
    private ContactId contactId;
    private CompanyId home;
    private String name;
    private String generatedEmail;
    @AggregateMember
    private final DirectoryEntry entry = new DirectoryEntry();

    /** @return whether the contact is in {@code company}'s directory */
    boolean isIn(CompanyId company) {
        return entry.isIn(company);
    }

    /**
     * @return true while the email is the generated one and the contact is in its home directory only
     *         ({@link AccountState#contactIntact})
     */
    boolean intact() {
        return AccountState.contactIntact(entry.email(), generatedEmail, entry.directories(), home);
    }

    /**
     * @return the change, or empty when the email is already {@code command.email()}
     * @throws DomainException NOT_FOUND when the contact is not in the acting directory; INVALID_FIELD for a
     *                         malformed email; SERVICE_ACCOUNT_EMAIL_FIXED when the change breaks the account
     *                         and was not acknowledged
     */
    Optional<DirectoryEmailChangedEvent> changeEmail(ChangeDirectoryEmailCommand command) {
        entry.requireIn(command.companyId());
        String newEmail = Emails.normalise(command.email());
        if (newEmail.equals(entry.email())) {
            return Optional.empty();
        }
        boolean breaks = !newEmail.equals(generatedEmail);
        if (breaks && !command.acknowledgeBreaksServiceAccount()) {
            throw new DomainException(ErrorCode.SERVICE_ACCOUNT_EMAIL_FIXED, "The email of a service account's "
                    + "contact must not change: the account would stop working (its integrations could no longer "
                    + "get tokens). Send \"acknowledgeBreaksServiceAccount\": true to change it anyway; setting the "
                    + "email back to " + generatedEmail + " makes the account work again.");
        }
        return Optional.of(new DirectoryEmailChangedEvent(contactId, ContactKind.SERVICE_ACCOUNT, command.companyId(),
                serviceAccountId, entry.email(), newEmail, breaks));
    }

    /**
     * @return the addition, or empty when the contact is already in that directory
     * @throws DomainException SERVICE_ACCOUNT_SINGLE_DIRECTORY when not acknowledged
     */
    Optional<ContactAddedToDirectoryEvent> addTo(AddContactToDirectoryCommand command) {
        if (entry.isIn(command.companyId())) {
            return Optional.empty();
        }
        if (!command.acknowledgeBreaksServiceAccount()) {
            throw new DomainException(ErrorCode.SERVICE_ACCOUNT_SINGLE_DIRECTORY, "A service account's contact "
                    + "must stay in its own company's directory only: adding it to another company's directory "
                    + "makes the account stop working. Send \"acknowledgeBreaksServiceAccount\": true to add it "
                    + "anyway; removing it from that directory makes the account work again.");
        }
        return Optional.of(new ContactAddedToDirectoryEvent(contactId, ContactKind.SERVICE_ACCOUNT,
                command.companyId(), serviceAccountId, name, entry.email(), true));
    }

    /**
     * @throws DomainException NOT_FOUND when not in that directory; SERVICE_ACCOUNT_HOME_DIRECTORY for the home one
     */
    ContactRemovedFromDirectoryEvent removeFrom(RemoveContactFromDirectoryCommand command) {
        entry.requireIn(command.companyId());
        if (command.companyId().equals(home)) {
            throw new DomainException(ErrorCode.SERVICE_ACCOUNT_HOME_DIRECTORY, "A service account's contact "
                    + "never leaves its own company's directory; delete the service account instead.");
        }
        return new ContactRemovedFromDirectoryEvent(contactId, ContactKind.SERVICE_ACCOUNT, command.companyId(),
                serviceAccountId);
    }

    ContactState state(long version) {
        return new ContactState(contactId, home, entry.email(), generatedEmail, entry.directories(), version);
    }

    void rename(String newName) {
        this.name = newName;
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        serviceAccountId = event.serviceAccountId();
        contactId = event.contactId();
        home = event.companyId();
        name = event.name();
        generatedEmail = event.generatedEmail();
    }
}
