package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.CreatePersonCommand;
import dev.serviceaccounts.api.directory.DeactivatePersonCommand;
import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.api.directory.ReactivatePersonCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The company-directory operations: each normalises the email ({@link Emails#normalise}), claims
 * the emails it needs in {@link DirectoryEmails} (invariant 3, a set-based rule no single contact can hold)
 * for the aggregate version it read, sends its one command per action with that version and the claim's
 * deadline (the aggregate that holds the contact decides: {@link ContactCommandHandler}), and frees what the
 * command gave up, or what it claimed when the command was refused.
 */
@Service
public class DirectoryService {

    private final Contacts contacts;
    private final DirectoryEmails emails;
    private final Executor preparation;
    private final String reservedDomain;

    /**
     * @param preparation runs the writes that prepare a create (the contact's registration, the command's own
     *                    reservations) while the request thread claims the email
     */
    public DirectoryService(Contacts contacts, DirectoryEmails emails, ServiceAccountsProperties properties,
                            @Qualifier("commandPreparationExecutor") Executor commandPreparationExecutor) {
        this.contacts = contacts;
        this.emails = emails;
        this.preparation = commandPreparationExecutor;
        this.reservedDomain = EmailAddresses.uniquenessKey("reserved@" + properties.contactEmailDomain()).substring("reserved@".length());
    }

    /**
     * @return the new person's contact id and its email as stored (normal form)
     * @throws DomainException INVALID_FIELD, EMAIL_TAKEN
     */
    public ContactEmail createPerson(CompanyId company, String name, String email, CommandDispatch dispatch) {
        String valid = requireNotReserved(Person.checkFields(name, email)[1]);
        ContactId contactId = new ContactId(UUID.randomUUID().toString());
        CreatePersonCommand command = new CreatePersonCommand(contactId, company, name, valid);
        createThenSend(company, valid, contactId, ContactKind.PERSON, contactId.value(), () -> command, dispatch);
        return new ContactEmail(contactId, valid);
    }

    /**
     * Registers a new service account's contact and claims its generated email in its home directory while
     * {@code createCommand} makes the command (its own reservations), all at once; then sends the command.
     *
     * @param createCommand makes the create command; runs on another thread, concurrently with the claim
     * @return the command sent
     * @throws DomainException EMAIL_TAKEN, or whatever making or sending the create command was refused with
     */
    public <C> C createServiceAccountContact(CompanyId company, ContactId contactId, ServiceAccountId account,
                                             String email, Supplier<C> createCommand, CommandDispatch dispatch) {
        return createThenSend(company, email, contactId, ContactKind.SERVICE_ACCOUNT, account.value(), createCommand,
                dispatch);
    }

    /**
     * ChangeDirectoryEmail: only the contact's home company may change it (the email shows in every directory
     * the contact is in, so another company must not rewrite it), and it must be free in all of them.
     *
     * @return the email as stored (its normal form)
     * @throws DomainException NOT_FOUND (unknown, or not in {@code company}), FORBIDDEN (not its home company),
     *                         INVALID_FIELD, EMAIL_TAKEN, SERVICE_ACCOUNT_EMAIL_FIXED, CONCURRENT_MODIFICATION
     */
    public String changeEmail(CompanyId company, ContactId contactId, String email, boolean acknowledgeBreak,
                              CommandDispatch dispatch) {
        ContactState contact = stateIn(company, contactId);
        if (!contact.home().equals(company)) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "Only the contact's own company (the one that added it first) may change its email");
        }
        String valid = contact.mayUseReservedDomain() ? Emails.normalise(email) : requireNotReserved(Emails.normalise(email));
        long version = contact.version();
        Map<String, Object> deadline = EmailClaimDeadline.metaData(emails.deadlineOfClaimMadeNow());
        List<CompanyId> claimed = new ArrayList<>();
        try {
            for (CompanyId directory : contact.directories()) {
                if (emails.claim(directory, valid, contactId, version, contacts::stateOf)) {
                    claimed.add(directory);
                }
            }
            dispatch.send(new ChangeDirectoryEmailCommand(contactId, company, valid, acknowledgeBreak, version),
                    deadline);
        } catch (RuntimeException e) {
            claimed.forEach(directory -> releaseRefused(directory, valid, contactId, version));
            throw e;
        }
        if (!EmailAddresses.uniquenessKey(contact.email()).equals(EmailAddresses.uniquenessKey(valid))) {
            contact.directories().forEach(directory -> emails.release(directory, contact.email(), contactId, version));
        }
        return valid;
    }

    /**
     * Adds an existing contact to {@code company}'s directory. The caller must be allowed to manage the
     * contact in its home company too ({@code requireRightsInHome}): a company never touches another
     * company's contacts (docs/design.md §4), so across companies this is the operator's to do.
     *
     * @param requireRightsInHome throws NOT_FOUND or FORBIDDEN when the caller may not manage contacts of that company
     * @throws DomainException NOT_FOUND, FORBIDDEN, EMAIL_TAKEN, SERVICE_ACCOUNT_SINGLE_DIRECTORY, CONCURRENT_MODIFICATION
     */
    public void addContact(CompanyId company, ContactId contactId, boolean acknowledgeBreak,
                           Consumer<CompanyId> requireRightsInHome, CommandDispatch dispatch) {
        ContactState contact = contacts.stateOf(contactId).orElseThrow(() -> DomainException.notFound("Contact"));
        requireRightsInHome.accept(contact.home());
        long version = contact.version();
        claimThenSend(company, contact.email(), contactId, version,
                new AddContactToDirectoryCommand(contactId, company, acknowledgeBreak, version), dispatch);
    }

    /**
     * Removes a contact from {@code company}'s directory and frees its email there.
     *
     * @throws DomainException NOT_FOUND, CONTACT_LAST_DIRECTORY, SERVICE_ACCOUNT_HOME_DIRECTORY
     */
    public void removeContact(CompanyId company, ContactId contactId, CommandDispatch dispatch) {
        ContactState contact = stateIn(company, contactId);
        dispatch.send(new RemoveContactFromDirectoryCommand(contactId, company));
        emails.release(company, contact.email(), contactId, contact.version());
    }

    /**
     * Makes a person inactive (docs/contacts.md): it stays in its directories and keeps its email there, as
     * Procore keeps an inactive user's; nothing is released.
     *
     * @throws DomainException NOT_FOUND (no such person in {@code company}'s directory), FORBIDDEN (not its own company)
     */
    public void deactivatePerson(CompanyId company, ContactId contactId, CommandDispatch dispatch) {
        dispatch.send(new DeactivatePersonCommand(contactId, company));
    }

    /** @throws DomainException NOT_FOUND (no such person in {@code company}'s directory), FORBIDDEN (not its own company) */
    public void reactivatePerson(CompanyId company, ContactId contactId, CommandDispatch dispatch) {
        dispatch.send(new ReactivatePersonCommand(contactId, company));
    }

    /** People may not take the domain of the generated service-account emails (compared in normal form). */
    private String requireNotReserved(String email) {
        if (EmailAddresses.isAt(email, reservedDomain)) {
            throw DomainException.invalidFields(Map.of("email",
                    "the domain " + reservedDomain + " is reserved for service accounts"));
        }
        return email;
    }

    /**
     * Releases a claim whose command failed, unless the contact's events show it holds the email after all
     * (a failure reported after the events were stored); when its state cannot be read, the claim is kept,
     * for the takeover rules of {@link DirectoryEmails} to free later.
     */
    private void releaseRefused(CompanyId directory, String email, ContactId contactId, long version) {
        boolean heldAfterAll;
        try {
            heldAfterAll = contacts.stateOf(contactId).map(state -> state.holds(directory, email)).orElse(false);
        } catch (RuntimeException unreadable) {
            return;
        }
        if (!heldAfterAll) {
            emails.release(directory, email, contactId, version);
        }
    }

    private ContactState stateIn(CompanyId company, ContactId contactId) {
        return contacts.stateOf(contactId).filter(contact -> contact.directories().contains(company))
                .orElseThrow(() -> DomainException.notFound("Contact"));
    }

    /**
     * The writes before a create, issued together instead of one after the other (docs/decisions.md D41): the
     * contact's registration and the command's own reservations ({@code command}) on the preparation threads,
     * the claim of its email on this one. The command is sent only once all three are done, so its aggregate
     * never exists without its registration or its claim. When one fails, the claim is released (as for a
     * refused command); a registration or reservation is never undone (fresh ids, never reused).
     */
    private <C> C createThenSend(CompanyId company, String email, ContactId contactId, ContactKind kind,
                                 String aggregateId, Supplier<C> command, CommandDispatch dispatch) {
        Map<String, Object> deadline = EmailClaimDeadline.metaData(emails.deadlineOfClaimMadeNow());
        CompletableFuture<Void> registered = CompletableFuture.runAsync(
                () -> contacts.register(contactId, kind, aggregateId), preparation);
        CompletableFuture<C> prepared = CompletableFuture.supplyAsync(command, preparation);
        boolean claimed;
        try {
            claimed = emails.claim(company, email, contactId, DirectoryEmails.CREATES, contacts::stateOf);
        } catch (RuntimeException e) {
            CompletableFuture.allOf(registered, prepared).exceptionally(failure -> null).join();
            throw e;
        }
        C ready;
        try {
            registered.join();
            ready = prepared.join();
        } catch (CompletionException e) {
            if (claimed) {
                releaseRefused(company, email, contactId, DirectoryEmails.CREATES);
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        send(company, email, contactId, DirectoryEmails.CREATES, ready, deadline, claimed, dispatch);
        return ready;
    }

    /** Claims {@code email} for a command that applies on {@code version} of the contact's aggregate, then sends it. */
    private void claimThenSend(CompanyId company, String email, ContactId contactId, long version, Object command,
                               CommandDispatch dispatch) {
        Map<String, Object> deadline = EmailClaimDeadline.metaData(emails.deadlineOfClaimMadeNow());
        boolean claimed = emails.claim(company, email, contactId, version, contacts::stateOf);
        send(company, email, contactId, version, command, deadline, claimed, dispatch);
    }

    /** Sends a command that rests on a claim; releases the claim when it is refused (and was {@code claimed} here). */
    private void send(CompanyId company, String email, ContactId contactId, long version, Object command,
                      Map<String, Object> deadline, boolean claimed, CommandDispatch dispatch) {
        try {
            dispatch.send(command, deadline);
        } catch (RuntimeException e) {
            if (claimed) {
                releaseRefused(company, email, contactId, version);
            }
            throw e;
        }
    }

    /** A contact and its email as stored (normal form). */
    public record ContactEmail(ContactId contactId, String email) {
    }
}
