package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query side answers an unknown or malformed company id with 404, as the command side does, for the
 * operator too: on the service-account and directory lists and gets. Another company stays 404 for a
 * service account.
 */
class QueryCompanyScopeTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @ParameterizedTest(name = "company id \"{0}\"")
    @ValueSource(strings = {"00000000-0000-4000-8000-000000000000", "not-a-company", "%20"})
    void whenOperatorReadsUnknownOrMalformedCompanyThen404(String companyId) {
        String operator = api.operatorToken();
        String account = UUID.randomUUID().toString();
        for (String path : List.of("/service-accounts", "/service-accounts/" + account,
                "/directory/contacts", "/directory/contacts/" + UUID.randomUUID())) {
            assertProblem(api.query(operator, "/api/v1/companies/" + companyId + path), 404, "NOT_FOUND");
        }
        assertProblem(api.command("POST", "/companies/" + companyId + "/service-accounts", operator,
                Map.of("name", "x", "appType", "CUSTOM")), 404, "NOT_FOUND");
    }

    @Test
    void whenOperatorReadsExistingCompanyThen200() {
        String operator = api.operatorToken();
        String company = api.createCompany(operator, "Known " + UUID.randomUUID());

        JsonNode accounts = api.awaitQuery(operator, "/api/v1/companies/" + company + "/service-accounts",
                list -> list.has("items"), Duration.ofSeconds(5));
        assertThat(accounts.get("items")).isEmpty();
        JsonNode contacts = api.awaitQuery(operator, "/api/v1/companies/" + company + "/directory/contacts",
                list -> list.has("items"), Duration.ofSeconds(5));
        assertThat(contacts.get("items")).isEmpty();
    }

    @Test
    void whenAdminReadsAnotherCompanyThen404() {
        TestCompany company = api.company("Home " + UUID.randomUUID());
        String other = api.createCompany(company.operator(), "Other " + UUID.randomUUID());
        String token = company.token(company.account("admin", "DIRECTORY", "ADMIN"));
        api.awaitQuery(token, "/api/v1/companies/" + company.id() + "/service-accounts", list -> true, Duration.ofSeconds(5));

        for (String companyId : List.of(other, UUID.randomUUID().toString(), "not-a-company")) {
            assertProblem(api.query(token, "/api/v1/companies/" + companyId + "/service-accounts"), 404, "NOT_FOUND");
            assertProblem(api.query(token, "/api/v1/companies/" + companyId + "/directory/contacts"), 404, "NOT_FOUND");
        }
    }
}
