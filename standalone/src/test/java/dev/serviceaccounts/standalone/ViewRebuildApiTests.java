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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/v1/admin/processors/{name}:replay} over HTTP (docs/decisions.md D39): the service-account
 * view is rebuilt beside the live one; reads during the rebuild answer the whole view, and the views after the
 * switch equal those before, field by field; the token endpoint answers correctly under load while the stored
 * token-eligibility view is rebuilt, and that view too is the same afterwards. The companies view, the directory
 * view and the audit history rebuild the same way: each read during the rebuild answers as before, and every stored
 * document after equals its document before, field by field (the audit history's sort keys aside: the rebuild's one
 * writer hands them out again, 1 to n without a gap, in the order the company's history had them).
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

    @ParameterizedTest
    @CsvSource({"companies-view, companies", "directory-view, directory_contacts", "audit-events, audit_events",
            "marketplace-apps-view, marketplace_apps"})
    void whenViewRebuiltThenReadsThroughoutAndEveryDocumentAfterEqualsItsDocumentBefore(String view, String first)
            throws InterruptedException {
        String operator = api.operatorToken();
        TestCompany company = api.company(operator, "Rebuilt " + view + " " + UUID.randomUUID());
        TestCompany other = api.company(operator, "Also listing " + view + " " + UUID.randomUUID());
        JsonNode account = company.account("Rebuilt " + view, "DIRECTORY", "READ_ONLY");
        String person = company.person("Ada " + view, "ada-" + UUID.randomUUID() + "@example.com");
        assertThat(other.addContact(person).statusCode()).isEqualTo(200);
        assertThat(company.changeEmail(person, "ada-" + UUID.randomUUID() + "@example.com").statusCode()).isEqualTo(200);
        String app = "rebuilt-" + UUID.randomUUID();
        api.registerMarketplaceApp(operator, app);
        String read = switch (view) {
            case "companies-view" -> "/api/v1/companies/" + company.id();
            case "marketplace-apps-view" -> "/api/v1/marketplace-apps/" + app;
            case "directory-view" -> "/api/v1/companies/" + other.id() + "/directory/contacts";
            default -> "/api/v1/companies/" + company.id() + "/audit/events?order=oldest&limit=100";
        };
        api.awaitQuery(operator, "/api/v1/companies/" + other.id() + "/directory/contacts/" + person,
                contact -> !contact.path("email").asText().isEmpty(), TestCompany.VIEW_WAIT);
        awaitCaughtUp(operator, view);
        JsonNode before = Api.json(api.query(operator, read));
        List<Document> storedBefore = stored(view, first);

        HttpResponse<String> replay = replay(operator, view);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        int reads = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode status;
        do {
            assertThat(withoutCursor(Api.json(api.query(operator, read)))).as("read %d during the rebuild", reads++)
                    .isEqualTo(withoutCursor(before));
            status = Api.json(api.query(operator, PROCESSORS + "/" + view));
        } while (status.path("rebuild").path("state").asText().equals("REBUILDING") && System.nanoTime() < deadline);
        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("SWITCHED");
        assertThat(status.path("rebuild").path("into").asText()).startsWith(first + "_r");
        Thread.sleep(1_000 + 5_000);
        assertThat(withoutCursor(Api.json(api.query(operator, read)))).as("after the old collection is dropped")
                .isEqualTo(withoutCursor(before));
        assertThat(stored(view, first)).as("the stored view, rebuilt").isEqualTo(storedBefore);
        if (view.equals("audit-events")) {
            assertSortKeysFromOneWriter(first);
            company.grant(account, "DOCUMENTS", "READ_ONLY");
            JsonNode newest = api.awaitQuery(operator, "/api/v1/companies/" + company.id() + "/audit/events?limit=1",
                    page -> page.path("items").path(0).path("type").asText().equals("CompanyPermissionGrantedEvent"),
                    TestCompany.VIEW_WAIT);
            assertThat(newest.path("items")).hasSize(1);
            assertSortKeysFromOneWriter(first);
        }
    }

    @Test
    void whenNotRebuildableOrUnknownThenNotFound() {
        String operator = api.operatorToken();

        assertProblem(replay(operator, "no-such-view"), 404, "NOT_FOUND");
        assertProblem(replay(operator, "token-eligibility-instance"), 404, "NOT_FOUND");
    }

    @Test
    void whenNotOperatorThenRefused() {
        TestCompany company = api.company("Not the operator's rebuild " + UUID.randomUUID());

        assertProblem(replay(company.tokenWith("ADMIN", "ADMIN"), "service-accounts-view"), 403, "FORBIDDEN");
        assertProblem(replay(null, "service-accounts-view"), 401, "UNAUTHORIZED");
    }

    /** Waits until every segment of processor {@code view} has passed every stored event. */
    private static void awaitCaughtUp(String operator, String view) {
        api.awaitQuery(operator, PROCESSORS + "/" + view, processor -> StreamSupport.stream(
                processor.path("segments").spliterator(), false).allMatch(segment -> segment.path("caughtUp").asBoolean()
                && segment.path("eventsBehind").asLong() == 0), Duration.ofSeconds(60));
    }

    /**
     * @return the documents of the view, whichever collection holds it now, by id; an audit entry without its sort
     *         key, which a rebuild hands out again
     */
    private static List<Document> stored(String view, String first) {
        ApplicationContext querySide = system.apps().querySide();
        String collection = querySide.getBean(ViewGenerations.class).collection(view, first);
        List<Document> documents = querySide.getBean(MongoTemplate.class)
                .find(new Query().with(Sort.by("_id")), Document.class, collection);
        documents.forEach(document -> document.remove("sortKey"));
        return documents;
    }

    /** The audit history's sort keys are 1 to n, each once: one writer handed them out (docs/decisions.md D32). */
    private static void assertSortKeysFromOneWriter(String first) {
        ApplicationContext querySide = system.apps().querySide();
        String collection = querySide.getBean(ViewGenerations.class).collection("audit-events", first);
        List<Long> keys = querySide.getBean(MongoTemplate.class)
                .find(new Query().with(Sort.by("sortKey")), Document.class, collection).stream()
                .map(document -> ((Number) document.get("sortKey")).longValue()).toList();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(keys.get(i)).as("sort key %d of %d", i + 1, keys.size()).isEqualTo(i + 1L);
        }
    }

    /** @return the answer without its page cursor (an audit cursor names a sort key, which a rebuild hands out again) */
    private static JsonNode withoutCursor(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove("nextCursor");
        }
        return copy;
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
