package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import dev.serviceaccounts.query.view.ViewGenerations;
import org.bson.Document;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/admin/processors/{name}:replay} over HTTP (docs/decisions.md D39): the service-account
 * view is rebuilt beside the live one; reads during the rebuild answer the whole view, and the views after the
 * switch equal those before, field by field; the token endpoint answers correctly under load while the stored
 * token-eligibility view is rebuilt, and that view too is the same afterwards.
 */
class ViewRebuildApiTests {

    private static final String PROCESSORS = ProcessorStatusApiTests.PROCESSORS;
    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    @Test
    void whenServiceAccountViewRebuiltThenReadsThroughoutAndViewsAfterEqualViewsBefore() throws InterruptedException {
        String operator = api.operatorToken();
        TestCompany company = api.company(operator, "Rebuilt " + UUID.randomUUID());
        List<JsonNode> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accounts.add(company.account("Rebuilt account " + i, "ADMIN", i % 2 == 0 ? "READ_ONLY" : "ADMIN"));
        }
        String list = "/api/v1/companies/" + company.id() + "/service-accounts?limit=100";
        JsonNode before = api.awaitQuery(operator, list,
                page -> page.path("items").size() == accounts.size() && StreamSupport.stream(
                        page.path("items").spliterator(), false).allMatch(item -> item.path("permissions").has("ADMIN")),
                TestCompany.VIEW_WAIT);
        List<JsonNode> singlesBefore = singles(operator, company, accounts);

        HttpResponse<String> replay = replay(operator, "service-accounts-view");

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Location")).hasValue(PROCESSORS + "/service-accounts-view");
        assertThat(Api.json(replay).path("rebuild").path("state").asText()).isIn("REBUILDING", "SWITCHED");
        int reads = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status;
        do {
            assertThat(Api.withoutLastUsed(Api.json(api.query(operator, list)))).as("read %d during the rebuild", reads)
                    .isEqualTo(Api.withoutLastUsed(before));
            reads++;
            status = Api.json(api.query(operator, PROCESSORS + "/service-accounts-view"));
        } while (status.path("rebuild").path("state").asText().equals("REBUILDING") && System.nanoTime() < deadline);
        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("SWITCHED");
        assertThat(status.path("rebuild").path("into").asText()).startsWith("service_accounts_r");

        Thread.sleep(1_000 + 5_000);
        assertThat(Api.withoutLastUsed(Api.json(api.query(operator, list)))).as("after the old collection is dropped")
                .isEqualTo(Api.withoutLastUsed(before));
        assertThat(singles(operator, company, accounts)).isEqualTo(singlesBefore);
        JsonNode later = company.account("Made after the rebuild", "ADMIN", "READ_ONLY");
        api.awaitQuery(operator, "/api/v1" + company.path(later), view -> true, TestCompany.VIEW_WAIT);
    }

    @Test
    void whenTokenEligibilityViewRebuiltUnderLoadThenTheTokenEndpointAnswersCorrectlyThroughout() throws Exception {
        String operator = api.operatorToken();
        TestCompany company = api.company(operator, "Tokens during a rebuild " + UUID.randomUUID());
        List<JsonNode> usable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            usable.add(company.account("Loaded " + i, "DOCUMENTS", "READ_ONLY"));
        }
        JsonNode deactivated = company.account("Deactivated", "DOCUMENTS", "READ_ONLY");
        assertThat(company.accountCommand(deactivated, "POST", ":deactivate", null).statusCode()).isEqualTo(200);
        for (JsonNode account : usable) {
            company.token(account);
        }
        assertRefused(deactivated);
        List<Document> storedBefore = storedTokenView();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger issued = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (JsonNode account : usable) {
            clients.add(load.submit(() -> {
                while (rebuilding.get()) {
                    HttpResponse<String> token = api.tokenBasic(account.get("clientId").asText(),
                            account.get("clientSecret").asText());
                    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
                    issued.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            HttpResponse<String> replay = replay(operator, "token-eligibility-state");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            assertRefused(deactivated);
            JsonNode status = api.awaitQuery(operator, PROCESSORS + "/token-eligibility-state",
                    processor -> !processor.path("rebuild").path("state").asText().equals("REBUILDING"),
                    Duration.ofSeconds(60));
            assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("SWITCHED");
        } finally {
            rebuilding.set(false);
            load.shutdown();
        }
        for (Future<?> client : clients) {
            client.get(30, TimeUnit.SECONDS);
        }
        assertThat(issued.get()).isPositive();
        assertRefused(deactivated);
        assertThat(storedTokenView()).as("the stored token view, rebuilt").isEqualTo(storedBefore);
    }

    @Test
    void whenNotRebuildableOrUnknownThenNotFound() {
        String operator = api.operatorToken();

        assertProblem(replay(operator, "no-such-view"), 404, "NOT_FOUND");
        assertProblem(replay(operator, "companies-view"), 404, "NOT_FOUND");
    }

    @Test
    void whenNotOperatorThenRefused() {
        TestCompany company = api.company("Not the operator's rebuild " + UUID.randomUUID());

        assertProblem(replay(company.tokenWith("ADMIN", "ADMIN"), "service-accounts-view"), 403, "FORBIDDEN");
        assertProblem(replay(null, "service-accounts-view"), 401, "UNAUTHORIZED");
    }

    private static void assertRefused(JsonNode account) {
        HttpResponse<String> refused = api.tokenBasic(account.get("clientId").asText(),
                account.get("clientSecret").asText());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("invalid_client");
    }

    /** @return the documents of the stored token-eligibility view, whichever collection holds it now, by id */
    private static List<Document> storedTokenView() {
        ApplicationContext querySide = system.apps().querySide();
        String collection = querySide.getBean(ViewGenerations.class)
                .collection("token-eligibility-state", "token_eligibility");
        return querySide.getBean(MongoTemplate.class)
                .find(new Query().with(Sort.by("_id")), Document.class, collection);
    }

    private static List<JsonNode> singles(String operator, TestCompany company, List<JsonNode> accounts) {
        return accounts.stream()
                .map(account -> Api.withoutLastUsed(Api.json(api.query(operator, "/api/v1" + company.path(account)))))
                .toList();
    }

    private static HttpResponse<String> replay(String token, String name) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(system.queryUrl() + PROCESSORS + "/" + name + ":replay"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request);
    }
}
