package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The company directory over HTTP (docs/design.md §3, §5): unique emails per directory (invariant 3), and the two
 * service-account rules (invariants 1 and 2) answered 409 with a problem type that names the rule, applied
 * only when acknowledged, and undone by undoing the change.
 */
class DirectoryInvariantsApiTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private String operator;
    private String companyId;

    @BeforeEach
    void setUp() {
        operator = api.operatorToken();
        companyId = api.createCompany(operator, "Directory Co " + UUID.randomUUID());
    }

    @Test
    void changeEmailWhenContactIsServiceAccountThen409NamingTheRule() {
        JsonNode account = api.createCustomAccount(operator, companyId, "fixed email");
        HttpResponse<String> response = changeEmail(companyId, contactId(account), "someone@example.com", null);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:service-accounts:problem:service-account-email-fixed");
        assertThat(problem.get("detail").asText()).contains("stop working").contains("acknowledgeBreaksServiceAccount");
        assertThat(problem.get("acknowledgeWith").get("acknowledgeBreaksServiceAccount").asBoolean()).isTrue();
    }

    @Test
    void changeEmailWhenAcknowledgedThenAppliedAndUndoable() {
        JsonNode account = api.createCustomAccount(operator, companyId, "broken then fixed");
        String generated = account.get("contact").get("email").asText();
        assertThat(changeEmail(companyId, contactId(account), "broken@example.com", true).statusCode()).isEqualTo(200);
        assertThat(changeEmail(companyId, contactId(account), generated, null).statusCode())
                .as("setting the generated email back needs no acknowledgement").isEqualTo(200);
    }

    @Test
    void addContactWhenServiceAccountToSecondDirectoryThen409NamingTheRule() {
        JsonNode account = api.createCustomAccount(operator, companyId, "one directory");
        String otherCompany = api.createCompany(operator, "Other " + UUID.randomUUID());
        HttpResponse<String> response = addContact(otherCompany, contactId(account), null);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Api.json(response).get("type").asText())
                .isEqualTo("urn:service-accounts:problem:service-account-single-directory");

        assertThat(addContact(otherCompany, contactId(account), true).statusCode()).isEqualTo(200);
        assertThat(removeContact(otherCompany, contactId(account)).statusCode()).isEqualTo(204);
    }

    @Test
    void removeContactWhenServiceAccountsHomeDirectoryThen409() {
        JsonNode account = api.createCustomAccount(operator, companyId, "home");
        HttpResponse<String> response = removeContact(companyId, contactId(account));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Api.json(response).get("type").asText())
                .isEqualTo("urn:service-accounts:problem:service-account-home-directory");
    }

    @Test
    void createPersonWhenEmailTakenCaseInsensitivelyThen409() {
        assertThat(createPerson(companyId, "Ann", "ann@example.com").statusCode()).isEqualTo(201);
        HttpResponse<String> duplicate = createPerson(companyId, "Ann again", "  ANN@Example.com ");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(Api.json(duplicate).get("type").asText()).isEqualTo("urn:service-accounts:problem:email-taken");
        String otherCompany = api.createCompany(operator, "Other " + UUID.randomUUID());
        assertThat(createPerson(otherCompany, "Ann elsewhere", "ann@example.com").statusCode())
                .as("unique per directory, not globally").isEqualTo(201);
    }

    @Test
    void changeEmailWhenTakenInAnyOfTheContactsDirectoriesThen409AndNothingChanged() {
        String otherCompany = api.createCompany(operator, "Other " + UUID.randomUUID());
        String bob = Api.json(createPerson(companyId, "Bob", "bob@example.com")).get("id").asText();
        assertThat(addContact(otherCompany, bob, null).statusCode()).isEqualTo(200);
        assertThat(createPerson(otherCompany, "Carol", "carol@example.com").statusCode()).isEqualTo(201);

        assertThat(changeEmail(companyId, bob, "carol@example.com", null).statusCode()).isEqualTo(409);
        assertThat(createPerson(companyId, "Dan", "carol@example.com").statusCode())
                .as("the refused change left no claim behind in the first directory").isEqualTo(201);
        assertThat(createPerson(companyId, "Eve", "bob@example.com").statusCode())
                .as("Bob kept his email").isEqualTo(409);

        assertThat(changeEmail(companyId, bob, "robert@example.com", null).statusCode()).isEqualTo(200);
        assertThat(createPerson(otherCompany, "Frank", "bob@example.com").statusCode())
                .as("the old email is free again in every directory").isEqualTo(201);
    }

    @Test
    void personWhenInSeveralDirectoriesThenRemovableFromEach() {
        String otherCompany = api.createCompany(operator, "Other " + UUID.randomUUID());
        String gina = Api.json(createPerson(companyId, "Gina", "gina@example.com")).get("id").asText();
        assertThat(addContact(otherCompany, gina, null).statusCode()).isEqualTo(200);
        assertThat(removeContact(otherCompany, gina).statusCode()).isEqualTo(204);
        assertThat(removeContact(otherCompany, gina).statusCode()).isEqualTo(404);
        HttpResponse<String> last = removeContact(companyId, gina);
        assertThat(last.statusCode()).as("a person stays in one directory at least").isEqualTo(409);
        assertThat(Api.json(last).get("type").asText()).isEqualTo("urn:service-accounts:problem:contact-last-directory");
        assertThat(createPerson(otherCompany, "Gina 2", "gina@example.com").statusCode()).isEqualTo(201);
    }

    @Test
    void directoryWhenInputInvalidThen400WithFields() {
        HttpResponse<String> badEmail = createPerson(companyId, "Hal", "not-an-email");
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(Api.json(badEmail).get("errors").has("email")).isTrue();
        HttpResponse<String> reserved = createPerson(companyId, "Imposter", "sa-0123456789abcdef@Service-Accounts.invalid");
        assertThat(reserved.statusCode()).as("the generated emails' domain is reserved").isEqualTo(400);
        assertThat(Api.json(reserved).get("errors").has("email")).isTrue();
        HttpResponse<String> badContact = api.command("POST", "/companies/" + companyId + "/directory/contacts",
                operator, Map.of("contactId", "nope"));
        assertThat(badContact.statusCode()).isEqualTo(400);
        assertThat(changeEmail(companyId, UUID.randomUUID().toString(), "x@example.com", null).statusCode()).isEqualTo(404);
    }

    @Test
    void directoryWhenCallerLacksDirectoryAdminThen403AndForeignCompany404() {
        JsonNode admin = api.createCustomAccount(operator, companyId, "admin-tool admin");
        api.grant(operator, companyId, admin.get("id").asText(), "ADMIN", "ADMIN");
        String adminToken = Api.accessToken(api.tokenBasic(admin.get("clientId").asText(), admin.get("clientSecret").asText()));
        assertThat(api.command("POST", "/companies/" + companyId + "/directory/people", adminToken,
                Map.of("name", "Ida", "email", "ida@example.com")).statusCode()).isEqualTo(403);

        JsonNode directoryAdmin = api.createCustomAccount(operator, companyId, "directory admin");
        api.grant(operator, companyId, directoryAdmin.get("id").asText(), "DIRECTORY", "ADMIN");
        String directoryToken = Api.accessToken(api.tokenBasic(directoryAdmin.get("clientId").asText(),
                directoryAdmin.get("clientSecret").asText()));
        assertThat(api.command("POST", "/companies/" + companyId + "/directory/people", directoryToken,
                Map.of("name", "Ida", "email", "ida@example.com")).statusCode()).isEqualTo(201);
        String otherCompany = api.createCompany(operator, "Other " + UUID.randomUUID());
        assertThat(api.command("POST", "/companies/" + otherCompany + "/directory/people", directoryToken,
                Map.of("name", "Jo", "email", "jo@example.com")).statusCode()).isEqualTo(404);
    }

    @Test
    void addContactWhenCallerIsAnotherCompanysDirectoryAdminThen404AndNothingChanged() {
        JsonNode victim = api.createCustomAccount(operator, companyId, "victim");
        String person = Api.json(createPerson(companyId, "Kim", "kim-" + UUID.randomUUID() + "@example.com")).get("id").asText();
        String attackerCompany = api.createCompany(operator, "Attacker " + UUID.randomUUID());
        String attacker = directoryAdminOf(attackerCompany);
        for (String contact : new String[] {contactId(victim), person}) {
            HttpResponse<String> response = api.command("POST", "/companies/" + attackerCompany + "/directory/contacts",
                    attacker, Map.of("contactId", contact, "acknowledgeBreaksServiceAccount", true));
            assertThat(response.statusCode()).as("another company's contact is invisible").isEqualTo(404);
        }
        assertThat(api.tokenBasic(victim.get("clientId").asText(), victim.get("clientSecret").asText()).statusCode())
                .as("the victim still works").isEqualTo(200);
    }

    @Test
    void changeEmailWhenContactOnlyListedInCallersDirectoryThen403() {
        String person = Api.json(createPerson(companyId, "Lee", "lee-" + UUID.randomUUID() + "@example.com")).get("id").asText();
        String guestCompany = api.createCompany(operator, "Guest " + UUID.randomUUID());
        assertThat(addContact(guestCompany, person, null).statusCode()).as("the operator may add across companies").isEqualTo(200);
        String guestAdmin = directoryAdminOf(guestCompany);
        HttpResponse<String> response = api.command("PATCH", "/companies/" + guestCompany + "/directory/contacts/" + person,
                guestAdmin, Map.of("email", "rewritten@example.com"));
        assertThat(response.statusCode()).as("only the home company changes a contact's email").isEqualTo(403);
        assertThat(api.command("DELETE", "/companies/" + guestCompany + "/directory/contacts/" + person, guestAdmin, null)
                .statusCode()).as("but it may drop the contact from its own directory").isEqualTo(204);
    }

    private String directoryAdminOf(String company) {
        JsonNode admin = api.createCustomAccount(operator, company, "directory admin");
        assertThat(api.grant(operator, company, admin.get("id").asText(), "DIRECTORY", "ADMIN").statusCode()).isEqualTo(200);
        return Api.accessToken(api.tokenBasic(admin.get("clientId").asText(), admin.get("clientSecret").asText()));
    }

    private HttpResponse<String> createPerson(String company, String name, String email) {
        return api.command("POST", "/companies/" + company + "/directory/people", operator,
                Map.of("name", name, "email", email));
    }

    private HttpResponse<String> changeEmail(String company, String contactId, String email, Boolean acknowledge) {
        return api.command("PATCH", "/companies/" + company + "/directory/contacts/" + contactId, operator,
                acknowledge == null ? Map.of("email", email)
                        : Map.of("email", email, "acknowledgeBreaksServiceAccount", acknowledge));
    }

    private HttpResponse<String> addContact(String company, String contactId, Boolean acknowledge) {
        return api.command("POST", "/companies/" + company + "/directory/contacts", operator,
                acknowledge == null ? Map.of("contactId", contactId)
                        : Map.of("contactId", contactId, "acknowledgeBreaksServiceAccount", acknowledge));
    }

    private HttpResponse<String> removeContact(String company, String contactId) {
        return api.command("DELETE", "/companies/" + company + "/directory/contacts/" + contactId, operator, null);
    }

    private static String contactId(JsonNode account) {
        return account.get("contact").get("id").asText();
    }
}
