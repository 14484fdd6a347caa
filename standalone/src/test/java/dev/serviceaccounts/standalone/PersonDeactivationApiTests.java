package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.TestCompany.contactId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person that cannot leave its last directory is deactivated instead (Procore's inactive user,
 * docs/contacts.md): by its own company's Directory admin, it stays listed as INACTIVE with its email
 * (still taken), and is reactivated the same way.
 */
class PersonDeactivationApiTests {

    private final Api api = TestSystem.shared().api();
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("People Co " + UUID.randomUUID());
    }

    @Test
    void deactivateWhenPersonInLastDirectoryThenInactiveListedAndEmailStillTaken() {
        String email = "nora-" + UUID.randomUUID() + "@example.com";
        String nora = company.person("Nora", email);
        assertThat(company.removeContact(nora).statusCode()).as("her last directory").isEqualTo(409);

        HttpResponse<String> deactivated = company.deactivatePerson(nora);
        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        assertThat(Api.json(deactivated).get("status").asText()).isEqualTo("INACTIVE");
        assertThat(company.awaitContact(nora, view -> "INACTIVE".equals(view.path("status").asText()))
                .get("email").asText()).isEqualTo(email);
        assertThat(company.deactivatePerson(nora).statusCode()).as("again: nothing to do").isEqualTo(200);
        assertThat(company.createPerson("Nora's successor", email).statusCode())
                .as("an inactive person keeps her email, as Procore keeps an inactive user's").isEqualTo(409);

        HttpResponse<String> reactivated = company.reactivatePerson(nora);
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        assertThat(Api.json(reactivated).get("status").asText()).isEqualTo("ACTIVE");
        company.awaitContact(nora, view -> "ACTIVE".equals(view.path("status").asText()));
    }

    @Test
    void deactivateWhenNotThePersonsOwnCompanyThen403AndForeignCompany404() {
        String olga = company.person("Olga", "olga-" + UUID.randomUUID() + "@example.com");
        TestCompany guestCompany = api.company(company.operator(), "Guest " + UUID.randomUUID());
        assertThat(guestCompany.addContact(olga).statusCode()).isEqualTo(200);
        assertThat(guestCompany.deactivatePerson(olga).statusCode())
                .as("a company that only lists her removes her from its directory instead").isEqualTo(403);

        TestCompany foreignCompany = api.company(company.operator(), "Foreign " + UUID.randomUUID());
        String foreignAdmin = foreignCompany.tokenWith("DIRECTORY", "ADMIN");
        assertThat(api.command("POST", "/companies/" + company.id() + "/directory/people/" + olga + ":deactivate",
                foreignAdmin, null).statusCode()).as("another company's id").isEqualTo(404);
        assertThat(foreignCompany.deactivatePerson(olga).statusCode()).as("not in that directory").isEqualTo(404);
        company.awaitContact(olga, view -> "ACTIVE".equals(view.path("status").asText()));
    }

    @Test
    void deactivateWhenContactIsNotAPersonThen404() {
        String accountContact = contactId(company.account("not a person"));
        assertThat(company.deactivatePerson(accountContact).statusCode())
                .as("a service account's contact goes with its account").isEqualTo(404);
        assertThat(company.deactivatePerson(UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(company.deactivatePerson("not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(api.command("POST", "/companies/" + company.id() + "/directory/people/" + accountContact
                + ":deactivate", company.operator(), Map.of()).statusCode()).isEqualTo(404);
    }
}
