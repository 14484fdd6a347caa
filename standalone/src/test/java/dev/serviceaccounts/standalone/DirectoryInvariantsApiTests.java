package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.TestCompany.contactId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
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

    private final Api api = TestSystem.shared().api();
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("Directory Co " + UUID.randomUUID());
    }

    @Test
    void changeEmailWhenContactIsServiceAccountThen409NamingTheRule() {
        JsonNode account = company.account("fixed email");
        HttpResponse<String> response = company.changeEmail(contactId(account), "someone@example.com");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:service-accounts:problem:service-account-email-fixed");
        assertThat(problem.get("detail").asText()).contains("stop working").contains("acknowledgeBreaksServiceAccount");
        assertThat(problem.get("acknowledgeWith").get("acknowledgeBreaksServiceAccount").asBoolean()).isTrue();
    }

    @Test
    void changeEmailWhenAcknowledgedThenAppliedAndUndoable() {
        JsonNode account = company.account("broken then fixed");
        String generated = account.get("contact").get("email").asText();
        assertThat(company.changeEmailAcknowledged(contactId(account), "broken@example.com").statusCode()).isEqualTo(200);
        assertThat(company.changeEmail(contactId(account), generated).statusCode())
                .as("setting the generated email back needs no acknowledgement").isEqualTo(200);
    }

    @Test
    void addContactWhenServiceAccountToSecondDirectoryThen409NamingTheRule() {
        JsonNode account = company.account("one directory");
        TestCompany otherCompany = api.company(company.operator(), "Other " + UUID.randomUUID());
        HttpResponse<String> response = otherCompany.addContact(contactId(account));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Api.json(response).get("type").asText())
                .isEqualTo("urn:service-accounts:problem:service-account-single-directory");

        assertThat(otherCompany.addContactAcknowledged(contactId(account)).statusCode()).isEqualTo(200);
        assertThat(otherCompany.removeContact(contactId(account)).statusCode()).isEqualTo(204);
    }

    @Test
    void removeContactWhenServiceAccountsHomeDirectoryThen409() {
        JsonNode account = company.account("home");
        HttpResponse<String> response = company.removeContact(contactId(account));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Api.json(response).get("type").asText())
                .isEqualTo("urn:service-accounts:problem:service-account-home-directory");
    }

    @Test
    void createPersonWhenEmailTakenCaseInsensitivelyThen409() {
        assertThat(company.createPerson("Ann", "ann@example.com").statusCode()).isEqualTo(201);
        HttpResponse<String> duplicate = company.createPerson("Ann again", "  ANN@Example.com ");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(Api.json(duplicate).get("type").asText()).isEqualTo("urn:service-accounts:problem:email-taken");
        TestCompany otherCompany = api.company(company.operator(), "Other " + UUID.randomUUID());
        assertThat(otherCompany.createPerson("Ann elsewhere", "ann@example.com").statusCode())
                .as("unique per directory, not globally").isEqualTo(201);
    }

    @Test
    void changeEmailWhenTakenInAnyOfTheContactsDirectoriesThen409AndNothingChanged() {
        TestCompany otherCompany = api.company(company.operator(), "Other " + UUID.randomUUID());
        String bob = company.person("Bob", "bob@example.com");
        assertThat(otherCompany.addContact(bob).statusCode()).isEqualTo(200);
        assertThat(otherCompany.createPerson("Carol", "carol@example.com").statusCode()).isEqualTo(201);

        assertThat(company.changeEmail(bob, "carol@example.com").statusCode()).isEqualTo(409);
        assertThat(company.createPerson("Dan", "carol@example.com").statusCode())
                .as("the refused change left no claim behind in the first directory").isEqualTo(201);
        assertThat(company.createPerson("Eve", "bob@example.com").statusCode())
                .as("Bob kept his email").isEqualTo(409);

        assertThat(company.changeEmail(bob, "robert@example.com").statusCode()).isEqualTo(200);
        assertThat(otherCompany.createPerson("Frank", "bob@example.com").statusCode())
                .as("the old email is free again in every directory").isEqualTo(201);
    }

    @Test
    void personWhenInSeveralDirectoriesThenRemovableFromEach() {
        TestCompany otherCompany = api.company(company.operator(), "Other " + UUID.randomUUID());
        String gina = company.person("Gina", "gina@example.com");
        assertThat(otherCompany.addContact(gina).statusCode()).isEqualTo(200);
        assertThat(otherCompany.removeContact(gina).statusCode()).isEqualTo(204);
        assertThat(otherCompany.removeContact(gina).statusCode()).isEqualTo(404);
        HttpResponse<String> last = company.removeContact(gina);
        assertThat(last.statusCode()).as("a person stays in one directory at least").isEqualTo(409);
        assertThat(Api.json(last).get("type").asText()).isEqualTo("urn:service-accounts:problem:contact-last-directory");
        assertThat(otherCompany.createPerson("Gina 2", "gina@example.com").statusCode()).isEqualTo(201);
    }

    @Test
    void directoryWhenInputInvalidThen400WithFields() {
        HttpResponse<String> badEmail = company.createPerson("Hal", "not-an-email");
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(Api.json(badEmail).get("errors").has("email")).isTrue();
        HttpResponse<String> reserved = company.createPerson("Imposter", "sa-0123456789abcdef@Service-Accounts.invalid");
        assertThat(reserved.statusCode()).as("the generated emails' domain is reserved").isEqualTo(400);
        assertThat(Api.json(reserved).get("errors").has("email")).isTrue();
        HttpResponse<String> badContact = api.command("POST", "/companies/" + company.id() + "/directory/contacts",
                company.operator(), Map.of("contactId", "nope"));
        assertThat(badContact.statusCode()).isEqualTo(400);
        assertThat(company.changeEmail(UUID.randomUUID().toString(), "x@example.com").statusCode()).isEqualTo(404);
    }

    @Test
    void directoryWhenCallerLacksDirectoryAdminThen403AndForeignCompany404() {
        String adminToken = company.token(company.account("admin-tool admin", "ADMIN", "ADMIN"));
        assertThat(api.command("POST", "/companies/" + company.id() + "/directory/people", adminToken,
                Map.of("name", "Ida", "email", "ida@example.com")).statusCode()).isEqualTo(403);

        String directoryToken = directoryAdminOf(company);
        assertThat(api.command("POST", "/companies/" + company.id() + "/directory/people", directoryToken,
                Map.of("name", "Ida", "email", "ida@example.com")).statusCode()).isEqualTo(201);
        TestCompany otherCompany = api.company(company.operator(), "Other " + UUID.randomUUID());
        assertThat(api.command("POST", "/companies/" + otherCompany.id() + "/directory/people", directoryToken,
                Map.of("name", "Jo", "email", "jo@example.com")).statusCode()).isEqualTo(404);
    }

    @Test
    void addContactWhenCallerIsAnotherCompanysDirectoryAdminThen404AndNothingChanged() {
        JsonNode victim = company.account("victim");
        String person = company.person("Kim", "kim-" + UUID.randomUUID() + "@example.com");
        TestCompany attackerCompany = api.company(company.operator(), "Attacker " + UUID.randomUUID());
        String attacker = directoryAdminOf(attackerCompany);
        for (String contact : new String[] {contactId(victim), person}) {
            HttpResponse<String> response = api.command("POST", "/companies/" + attackerCompany.id() + "/directory/contacts",
                    attacker, Map.of("contactId", contact, "acknowledgeBreaksServiceAccount", true));
            assertThat(response.statusCode()).as("another company's contact is invisible").isEqualTo(404);
        }
        assertThat(api.tokenBasic(victim.get("clientId").asText(), victim.get("clientSecret").asText()).statusCode())
                .as("the victim still works").isEqualTo(200);
    }

    @Test
    void changeEmailWhenContactOnlyListedInCallersDirectoryThen403() {
        String person = company.person("Lee", "lee-" + UUID.randomUUID() + "@example.com");
        TestCompany guestCompany = api.company(company.operator(), "Guest " + UUID.randomUUID());
        assertThat(guestCompany.addContact(person).statusCode()).as("the operator may add across companies").isEqualTo(200);
        String guestAdmin = directoryAdminOf(guestCompany);
        HttpResponse<String> response = api.command("PATCH", "/companies/" + guestCompany.id() + "/directory/contacts/" + person,
                guestAdmin, Map.of("email", "rewritten@example.com"));
        assertThat(response.statusCode()).as("only the home company changes a contact's email").isEqualTo(403);
        assertThat(api.command("DELETE", "/companies/" + guestCompany.id() + "/directory/contacts/" + person, guestAdmin, null)
                .statusCode()).as("but it may drop the contact from its own directory").isEqualTo(204);
    }

    private static String directoryAdminOf(TestCompany company) {
        return company.token(company.account("directory admin", "DIRECTORY", "ADMIN"));
    }
}
