package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;

/**
 * A directory contact as the root of the aggregate that holds it: a {@link Person}, or a service account
 * (whose contact rules, docs/design.md §3 invariants 1 and 2, decide whether the account works, so they live
 * in the account's own aggregate: docs/contacts.md). Each directory command has one type and one handler
 * ({@link ContactCommandHandler}); the holder decides what it means for it. The methods run inside the
 * aggregate (they apply events) and throw {@link dev.serviceaccounts.command.DomainException} when a rule says no.
 */
public interface DirectoryContact {

    /** ChangeDirectoryEmail; no event when the email is already that one. */
    void changeEmail(ChangeDirectoryEmailCommand command);

    /** Adds the contact to another directory; no event when it is already in it. */
    void addTo(AddContactToDirectoryCommand command);

    /** Removes the contact from a directory. */
    void removeFrom(RemoveContactFromDirectoryCommand command);

    /**
     * The aggregate's company check ({@link dev.serviceaccounts.command.CompanyGuard}), which its own command
     * interceptor runs for the commands Axon routes to it, and {@link ContactCommandHandler} before each
     * directory command.
     *
     * @throws dev.serviceaccounts.command.DomainException NOT_FOUND when the command may not act in its company here
     */
    void checkCompany(Object command);

    /** @return the contact as it is now, read at {@code version} of its aggregate */
    ContactState contactState(long version);
}
