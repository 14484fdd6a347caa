package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.id.ContactId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.springframework.stereotype.Component;

/**
 * The one handler of each directory command, whatever holds the contact: it loads the holding aggregate (at
 * the command's expected version, when it names one), runs its company check and lets it decide
 * ({@link DirectoryContact}).
 */
@Component
public class ContactCommandHandler {

    /** Loads the aggregate that holds a contact, at a version (null: any). */
    @FunctionalInterface
    public interface Loader {
        Aggregate<? extends DirectoryContact> load(ContactId contactId, Long expectedVersion);
    }

    private final Loader loader;

    /** @param loader {@link Contacts} in the application; the fixture's repository in aggregate tests */
    public ContactCommandHandler(Loader loader) {
        this.loader = loader;
    }

    @CommandHandler
    void handle(ChangeDirectoryEmailCommand command) {
        loader.load(command.contactId(), command.expectedVersion()).execute(contact -> {
            contact.checkCompany(command);
            contact.changeEmail(command);
        });
    }

    @CommandHandler
    void handle(AddContactToDirectoryCommand command) {
        loader.load(command.contactId(), command.expectedVersion()).execute(contact -> {
            contact.checkCompany(command);
            contact.addTo(command);
        });
    }

    @CommandHandler
    void handle(RemoveContactFromDirectoryCommand command) {
        loader.load(command.contactId(), null).execute(contact -> {
            contact.checkCompany(command);
            contact.removeFrom(command);
        });
    }
}
