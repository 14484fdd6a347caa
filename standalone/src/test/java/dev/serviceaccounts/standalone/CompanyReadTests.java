package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The company reads of the query side ({@code GET /api/v1/companies[/{companyId}]}): the operator lists and
 * gets every company; a service account sees only its own, and only as an auditor; a foreign, unknown or
 * malformed id is 404, never 403; the {@code Location} of a create (company, service account, person) names
 * the query side's read.
 */
class CompanyReadTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenOperatorListsAndGetsThenEveryCompanyWithNameAndCreationTime() {
        String operator = api.operatorToken();
        Instant before = Instant.now().minusSeconds(1);
        String first = api.createCompany(operator, "Listed A " + UUID.randomUUID());
        String second = api.createCompany(operator, "Listed B " + UUID.randomUUID());

        List<JsonNode> all = listAll(operator, 7);
        assertThat(all).extracting(company -> company.get("companyId").asText()).contains(first, second)
                .doesNotHaveDuplicates().isSorted();

        JsonNode company = Api.json(api.query(operator, "/api/v1/companies/" + first));
        assertThat(company.get("companyId").asText()).isEqualTo(first);
        assertThat(company.get("name").asText()).startsWith("Listed A ");
        assertThat(Instant.parse(company.get("createdAt").asText())).isBetween(before, Instant.now());
    }

    @Test
    void whenCompanyAdminReadsThenOnlyItsOwnCompany() {
        TestCompany company = api.company("Own " + UUID.randomUUID());
        String other = api.createCompany(company.operator(), "Foreign " + UUID.randomUUID());
        String admin = company.tokenWith("ADMIN", "ADMIN");

        JsonNode list = api.awaitQuery(admin, "/api/v1/companies", page -> !page.get("items").isEmpty(), WAIT);
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("companyId").asText()).isEqualTo(company.id());
        assertThat(list.has("nextCursor")).isFalse();
        assertThat(Api.json(api.query(admin, "/api/v1/companies/" + company.id())).get("name").asText())
                .startsWith("Own ");
        assertProblem(api.query(admin, "/api/v1/companies/" + other), 404, "NOT_FOUND");
    }

    @Test
    void whenAccountMayNotReadItsCompanyThenEmptyListAnd404() {
        TestCompany company = api.company("Unread " + UUID.randomUUID());
        String reader = company.tokenWith("DOCUMENTS", "ADMIN");

        JsonNode list = Api.json(api.query(reader, "/api/v1/companies"));
        assertThat(list.get("items")).isEmpty();
        assertProblem(api.query(reader, "/api/v1/companies/" + company.id()), 404, "NOT_FOUND");
    }

    @Test
    void whenForeignUnknownOrMalformedIdThen404() {
        String operator = api.operatorToken();
        for (String companyId : List.of(UUID.randomUUID().toString(), "not-a-company")) {
            assertProblem(api.query(operator, "/api/v1/companies/" + companyId), 404, "NOT_FOUND");
        }
        TestCompany company = api.company("Auditor " + UUID.randomUUID());
        String auditor = company.tokenWith("ADMIN", "READ_ONLY");
        api.awaitQuery(auditor, "/api/v1/companies/" + company.id(), found -> true, WAIT);
        assertProblem(api.query(auditor, "/api/v1/companies/" + UUID.randomUUID()), 404, "NOT_FOUND");
    }

    @Test
    void whenInvalidCursorOrLimitThen400() {
        String operator = api.operatorToken();
        assertProblem(api.query(operator, "/api/v1/companies?limit=0&cursor=nonsense"), 400, "INVALID_FIELD");
    }

    @Test
    void whenCompanyCreatedThenLocationIsTheQuerySideReadAndResolvesTo200() throws Exception {
        String operator = api.operatorToken();
        HttpResponse<String> created = api.command("POST", "/companies", operator, Map.of("name", "Located"));
        String companyId = Api.json(created).get("companyId").asText();

        URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
        // the issuer (the tokens' iss) is the query side's public base URL; the tests run the query side on a
        // random port, so only the path is resolved against it
        String issuer = SignedJWT.parse(operator).getJWTClaimsSet().getIssuer();
        assertThat(location.toString()).isEqualTo(issuer + "/api/v1/companies/" + companyId);
        JsonNode company = api.awaitQuery(operator, location.getRawPath(), found -> true, WAIT);
        assertThat(company.get("name").asText()).isEqualTo("Located");
    }

    @Test
    void whenAccountOrPersonCreatedThenLocationIsTheQuerySideReadAndResolvesTo200() throws Exception {
        String operator = api.operatorToken();
        String issuer = SignedJWT.parse(operator).getJWTClaimsSet().getIssuer();
        String companyId = api.createCompany(operator, "Located too");

        HttpResponse<String> account = api.createServiceAccount(operator, companyId,
                Map.of("name", "ERP sync", "appType", "CUSTOM"));
        URI accountLocation = URI.create(account.headers().firstValue("Location").orElseThrow());
        assertThat(accountLocation.toString()).isEqualTo(issuer + "/api/v1/companies/" + companyId
                + "/service-accounts/" + Api.json(account).get("id").asText());
        assertThat(api.awaitQuery(operator, accountLocation.getRawPath(), found -> true, WAIT).get("name").asText())
                .isEqualTo("ERP sync");

        HttpResponse<String> person = api.command("POST", "/companies/" + companyId + "/directory/people", operator,
                Map.of("name", "Ann", "email", "ann@acme.example"));
        URI personLocation = URI.create(person.headers().firstValue("Location").orElseThrow());
        assertThat(personLocation.toString()).isEqualTo(issuer + "/api/v1/companies/" + companyId
                + "/directory/contacts/" + Api.json(person).get("id").asText());
        assertThat(api.awaitQuery(operator, personLocation.getRawPath(), found -> true, WAIT).get("email").asText())
                .isEqualTo("ann@acme.example");
    }

    /** @return every company of the list, following {@code nextCursor} with pages of {@code limit} */
    private List<JsonNode> listAll(String token, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String path = "/api/v1/companies?limit=" + limit;
        while (true) {
            JsonNode page = Api.json(api.query(token, path));
            page.get("items").forEach(all::add);
            if (page.get("nextCursor") == null || page.get("nextCursor").isNull()) {
                return all;
            }
            path = "/api/v1/companies?limit=" + limit + "&cursor=" + page.get("nextCursor").asText();
        }
    }
}
