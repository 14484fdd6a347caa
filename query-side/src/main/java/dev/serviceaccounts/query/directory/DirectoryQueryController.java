package dev.serviceaccounts.query.directory;

import static dev.serviceaccounts.query.company.CompanyPathCheck.companyId;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.api.directory.DirectoryContactView;
import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.query.web.QueryParameters;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/companies/{companyId}/directory/contacts[/{contactId}]}: the company directory, for
 * the operator and the company's functional accounts with READ_ONLY or higher on the Admin or the
 * Directory tool (docs/design.md §4, §5). Another company is 404.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/directory/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
public class DirectoryQueryController {

    private final DirectoryContacts contacts;
    private final CompanyAccessPolicy access;

    public DirectoryQueryController(DirectoryContacts contacts, CompanyAccessPolicy access) {
        this.contacts = contacts;
        this.access = access;
    }

    /**
     * @param email only the contact with this email (case-insensitive, exact; trimmed), 1–320 characters
     * @return {@code {items: [...]}}: the directory's people and service-account contacts, by name;
     *         400 problem+json for a blank or too long {@code email}
     */
    @GetMapping
    public ContactList list(@PathVariable String companyId, @AuthenticationPrincipal Caller caller,
                            @RequestParam(required = false) String email) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN,
                CompanyTool.DIRECTORY);
        QueryParameters parameters = new QueryParameters();
        String emailFilter = parameters.parseText("email", email, 320);
        parameters.validate();
        return new ContactList(contacts.findInDirectory(companyId, emailFilter));
    }

    /** @return one contact; 404 when unknown or not in this company's directory */
    @GetMapping("/{contactId}")
    public DirectoryContactView get(@PathVariable String companyId, @PathVariable String contactId,
                                    @AuthenticationPrincipal Caller caller) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN,
                CompanyTool.DIRECTORY);
        return contacts.find(contactId).filter(contact -> contact.companyIds().contains(companyId))
                .orElseThrow(() -> new NotFoundException("Contact"));
    }

    /** The directory's contacts. */
    public record ContactList(List<DirectoryContactView> items) {
    }
}
