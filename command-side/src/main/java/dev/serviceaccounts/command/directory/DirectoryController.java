package dev.serviceaccounts.command.directory;

import static dev.serviceaccounts.command.Requests.companyId;
import static dev.serviceaccounts.command.Requests.contactId;

import dev.serviceaccounts.api.directory.ContactStatus;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A company's directory (docs/design.md §5): add people, change a contact's email (ChangeDirectoryEmail), add an
 * existing contact of any company, remove a contact, deactivate and reactivate a person. All need ADMIN on
 * the company Directory tool. For a service account's contact, an email change or a second directory is
 * refused with 409 unless the body says {@code "acknowledgeBreaksServiceAccount": true} (docs/design.md §3
 * invariants 1 and 2). Each endpoint: the caller's rights, one {@link DirectoryService} call, the answer.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/directory", produces = MediaType.APPLICATION_JSON_VALUE)
public class DirectoryController {

    private final CompanyAccessPolicy access;
    private final CommandDispatch commands;
    private final DirectoryService directory;
    private final CommonProperties properties;

    public DirectoryController(CompanyAccessPolicy access, CommandDispatch commands, DirectoryService directory,
                               CommonProperties properties) {
        this.access = access;
        this.commands = commands;
        this.directory = directory;
        this.properties = properties;
    }

    /**
     * Body {@code {name, email}}.
     *
     * @return 201 {@code {id, companyId, email}} with {@code Location} on the query side's read of the contact
     *         ({@code <issuer>/api/v1/companies/{companyId}/directory/contacts/{id}}); 409 when the email is taken
     */
    @PostMapping(path = "/people", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ContactChanged> createPerson(@PathVariable String companyId, @RequestBody PersonRequest body,
                                                       @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        DirectoryService.ContactEmail created = directory.createPerson(company, body.name(), body.email(),
                directoryAdmin(caller, company));
        URI read = URI.create(properties.issuer() + "/api/v1/companies/" + company + "/directory/contacts/"
                + created.contactId());
        return ResponseEntity.created(read)
                .body(new ContactChanged(created.contactId().value(), company.value(), created.email()));
    }

    /**
     * ChangeDirectoryEmail. Body {@code {email, acknowledgeBreaksServiceAccount?}}.
     *
     * @return 200 {@code {id, companyId, email}}; 409 EMAIL_TAKEN or SERVICE_ACCOUNT_EMAIL_FIXED
     */
    @PatchMapping(path = "/contacts/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ContactChanged changeEmail(@PathVariable String companyId, @PathVariable String contactId,
                                      @RequestBody EmailRequest body, @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        String email = directory.changeEmail(company, contactId(contactId, null), body.email(),
                Boolean.TRUE.equals(body.acknowledgeBreaksServiceAccount()), directoryAdmin(caller, company));
        return new ContactChanged(contactId, company.value(), email);
    }

    /**
     * Adds an existing contact to this directory. Body {@code {contactId, acknowledgeBreaksServiceAccount?}}.
     * The caller needs Directory ADMIN in the contact's own company as well (a contact of a company the
     * caller cannot see is 404), so across companies only the operator can do it.
     *
     * @return 200 {@code {id, companyId}}; 409 EMAIL_TAKEN or SERVICE_ACCOUNT_SINGLE_DIRECTORY
     */
    @PostMapping(path = "/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ContactChanged addContact(@PathVariable String companyId, @RequestBody AddContactRequest body,
                                     @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        CommandDispatch dispatch = directoryAdmin(caller, company);
        ContactId id = contactId(body.contactId(), "contactId");
        directory.addContact(company, id, Boolean.TRUE.equals(body.acknowledgeBreaksServiceAccount()),
                home -> access.require(caller, home, PermissionLevel.ADMIN, CompanyTool.DIRECTORY),
                dispatch);
        return new ContactChanged(body.contactId(), company.value(), null);
    }

    /** Removes a contact from this directory. @return 204; 409 for a service account's home directory */
    @DeleteMapping("/contacts/{contactId}")
    public ResponseEntity<Void> removeContact(@PathVariable String companyId, @PathVariable String contactId,
                                              @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        directory.removeContact(company, contactId(contactId, null), directoryAdmin(caller, company));
        return ResponseEntity.noContent().build();
    }

    /**
     * Deactivates a person (Procore's inactive user): it stays in its directories, with its history and its
     * email, but is no longer an active contact; by the person's own company only.
     *
     * @return 200 {@code {id, companyId, status}}; 404 for a contact that is not a person of this directory;
     *         403 when this is not the person's own company
     */
    @PostMapping("/people/{contactId}:deactivate")
    public PersonStatus deactivatePerson(@PathVariable String companyId, @PathVariable String contactId,
                                         @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        directory.deactivatePerson(company, contactId(contactId, null), directoryAdmin(caller, company));
        return new PersonStatus(contactId, company.value(), ContactStatus.INACTIVE);
    }

    /** Reactivates a deactivated person. @return 200 {@code {id, companyId, status}}; 404, 403 as for deactivation */
    @PostMapping("/people/{contactId}:reactivate")
    public PersonStatus reactivatePerson(@PathVariable String companyId, @PathVariable String contactId,
                                         @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        directory.reactivatePerson(company, contactId(contactId, null), directoryAdmin(caller, company));
        return new PersonStatus(contactId, company.value(), ContactStatus.ACTIVE);
    }

    private CommandDispatch directoryAdmin(Caller caller, CompanyId company) {
        access.require(caller, company, PermissionLevel.ADMIN, CompanyTool.DIRECTORY);
        return commands;
    }

    /** Request body of a new person. */
    public record PersonRequest(String name, String email) {
    }

    /** Request body of ChangeDirectoryEmail. */
    public record EmailRequest(String email, Boolean acknowledgeBreaksServiceAccount) {
    }

    /** Request body of adding an existing contact. */
    public record AddContactRequest(String contactId, Boolean acknowledgeBreaksServiceAccount) {
    }

    /** Response of a directory change. */
    public record ContactChanged(String id, String companyId, String email) {
    }

    /** Response of a person's deactivation or reactivation. */
    public record PersonStatus(String id, String companyId, ContactStatus status) {
    }
}
