package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The marketplace apps (docs/decisions.md D48): the operator registers them on the command side (an id once:
 * 409 {@code MARKETPLACE_APP_EXISTS}, even for concurrent registrations), anyone with a current token reads them on
 * the query side, and a MARKETPLACE account must name one, unless it is an account stored before and keeps its app.
 */
class MarketplaceAppApiTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String APPS = "/api/v1/marketplace-apps";

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenOperatorRegistersThen201WithLocationOfTheQuerySideRead() throws Exception {
        String operator = api.operatorToken();
        String id = "timesheets-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> created = register(operator, "  " + id + " ", "  Timesheets ");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = Api.json(created);
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("name").asText()).isEqualTo("Timesheets");
        assertThat(Instant.parse(body.get("registeredAt").asText())).isBetween(before, Instant.now());
        String issuer = SignedJWT.parse(operator).getJWTClaimsSet().getIssuer();
        assertThat(created.headers().firstValue("Location")).hasValue(issuer + APPS + "/" + id);
        JsonNode read = api.awaitQuery(operator, APPS + "/" + id, app -> true, WAIT);
        assertThat(read).isEqualTo(body);
    }

    @Test
    void whenIdRegisteredAgainThen409MarketplaceAppExists() {
        String operator = api.operatorToken();
        String id = "dup-" + UUID.randomUUID();
        assertThat(register(operator, id, "First").statusCode()).isEqualTo(201);

        assertProblem(register(operator, id, "Second"), 409, "MARKETPLACE_APP_EXISTS");
        assertProblem(register(operator, " " + id + " ", "Third"), 409, "MARKETPLACE_APP_EXISTS");
        assertThat(api.awaitQuery(operator, APPS + "/" + id, app -> true, WAIT).get("name").asText())
                .isEqualTo("First");
    }

    @Test
    void whenSameIdRegisteredConcurrentlyThenExactlyOne201AndThe409Others() throws Exception {
        String operator = api.operatorToken();
        String id = "race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<HttpResponse<String>>> registrations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "Racer " + i;
                registrations.add(() -> register(operator, id, name));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> response : pool.invokeAll(registrations)) {
                responses.add(response.get());
            }
            assertThat(responses).filteredOn(response -> response.statusCode() == 201).hasSize(1);
            assertThat(responses).filteredOn(response -> response.statusCode() != 201).hasSize(5)
                    .allSatisfy(response -> assertProblem(response, 409, "MARKETPLACE_APP_EXISTS"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenServiceAccountRegistersThen403AndNoTokenThen401() {
        TestCompany company = api.company("Apps " + UUID.randomUUID());
        String admin = company.tokenWith("ADMIN", "ADMIN");

        assertProblem(register(admin, "nope-" + UUID.randomUUID(), "Nope"), 403, "FORBIDDEN");
        assertThat(register(null, "nope-" + UUID.randomUUID(), "Nope").statusCode()).isEqualTo(401);
    }

    @Test
    void whenIdOrNameBreaksTheRuleOfNamesThen400ListingEach() {
        JsonNode problem = assertProblem(register(api.operatorToken(), "app\u202Eid", " "), 400, "INVALID_FIELD");
        assertThat(problem.get("errors").has("id")).isTrue();
        assertThat(problem.get("errors").has("name")).isTrue();
        assertProblem(register(api.operatorToken(), "a".repeat(256), "Long"), 400, "INVALID_FIELD");
    }

    @Test
    void whenListedThenEveryAppOnceByNameThenIdPagedAndReadableByAnyServiceAccount() {
        String operator = api.operatorToken();
        String prefix = "list-" + UUID.randomUUID();
        List<String> ids = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
        assertThat(register(operator, ids.get(0), "Same name").statusCode()).isEqualTo(201);
        assertThat(register(operator, ids.get(1), "Same name").statusCode()).isEqualTo(201);
        assertThat(register(operator, ids.get(2), "Another name").statusCode()).isEqualTo(201);
        TestCompany company = api.company("Readers " + UUID.randomUUID());
        String reader = company.tokenWith("DOCUMENTS", "READ_ONLY");
        api.awaitQuery(reader, APPS + "/" + ids.get(2), app -> true, WAIT);

        List<JsonNode> all = new ArrayList<>();
        JsonNode page = Api.json(api.query(reader, APPS + "?limit=2"));
        page.get("items").forEach(all::add);
        while (page.has("nextCursor")) {
            assertThat(page.get("items")).hasSize(2);
            page = Api.json(api.query(reader, APPS + "?limit=2&cursor=" + page.get("nextCursor").asText()));
            page.get("items").forEach(all::add);
        }

        assertThat(all).extracting(app -> app.get("id").asText()).doesNotHaveDuplicates().containsAll(ids);
        assertThat(all).isSortedAccordingTo(Comparator.<JsonNode, String>comparing(app -> app.get("name").asText())
                .thenComparing(app -> app.get("id").asText()));
        assertThat(all).extracting(app -> app.get("id").asText()).filteredOn(id -> id.startsWith(prefix))
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertProblem(api.query(reader, APPS + "/unknown-" + UUID.randomUUID()), 404, "NOT_FOUND");
        assertProblem(api.query(reader, APPS + "?limit=0"), 400, "INVALID_FIELD");
        assertProblem(api.query(reader, APPS + "?limit=201&cursor=x"), 400, "INVALID_FIELD");
        assertThat(api.query(null, APPS).statusCode()).isEqualTo(401);
    }

    @Test
    void whenMarketplaceAccountNamesAnUnregisteredAppThen400UntilItIsRegistered() {
        TestCompany company = api.company("Marketplace " + UUID.randomUUID());
        String appId = "later-" + UUID.randomUUID();
        Map<String, String> body = Map.of("name", "market", "appType", "MARKETPLACE", "marketplaceAppId", appId);

        JsonNode refused = assertProblem(api.createServiceAccount(company.operator(), company.id(), body), 400,
                "INVALID_FIELD");
        assertThat(refused.get("errors").get("marketplaceAppId").asText())
                .isEqualTo("is not a registered marketplace app");

        api.registerMarketplaceApp(company.operator(), appId);
        HttpResponse<String> created = api.createServiceAccount(company.operator(), company.id(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Api.json(created).get("marketplaceAppId").asText()).isEqualTo(appId);
    }

    @Test
    void whenEditedToAnUnregisteredAppThen400AndToARegisteredOne200() {
        TestCompany company = api.company("Edited " + UUID.randomUUID());
        JsonNode account = company.account("edited");
        String registered = "edit-" + UUID.randomUUID();
        api.registerMarketplaceApp(company.operator(), registered);

        JsonNode refused = assertProblem(company.accountCommand(account, "PATCH", "", Map.of("appType", "MARKETPLACE",
                "marketplaceAppId", "unregistered-" + UUID.randomUUID())), 400, "INVALID_FIELD");
        assertThat(refused.get("errors").has("marketplaceAppId")).isTrue();

        HttpResponse<String> edited = company.accountCommand(account, "PATCH", "", Map.of("appType", "MARKETPLACE",
                "marketplaceAppId", registered));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertProblem(company.accountCommand(account, "PATCH", "", Map.of("marketplaceAppId",
                "unregistered-" + UUID.randomUUID())), 400, "INVALID_FIELD");
    }

    @Test
    void whenAccountStoredBeforeNamesAnUnregisteredAppThenItLoadsAndStillEdits() throws Exception {
        Path dataDirectory = TestSystem.newDataDirectory();
        String companyId;
        String accountId;
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient client = MongoClients.create(mongo.uri(TestSystem.DATABASE))) {
            Map<String, List<Document>> fixture = EventUpcastingTests.fixture();
            for (Document commit : fixture.get("domainevents")) {
                for (Document event : commit.getList("events", Document.class)) {
                    event.put("serializedPayload", event.getString("serializedPayload").replace("\"appType\":\"CUSTOM\"",
                            "\"appType\":\"MARKETPLACE\",\"marketplaceAppId\":\"legacy-app\""));
                }
            }
            fixture.forEach((collection, documents) -> client.getDatabase(TestSystem.DATABASE)
                    .getCollection(collection).insertMany(documents));
            Document created = fixture.get("domainevents").get(1);
            companyId = fixture.get("domainevents").get(0).getString("aggregateIdentifier");
            accountId = created.getString("aggregateIdentifier");
        }
        try (TestSystem legacy = TestSystem.start(dataDirectory)) {
            Api legacyApi = legacy.api();
            TestCompany company = new TestCompany(legacyApi, legacyApi.operatorToken(), companyId);
            JsonNode account = new ObjectMapper().createObjectNode().put("id", accountId);
            JsonNode view = legacyApi.awaitQuery(company.operator(),
                    "/api/v1/companies/" + companyId + "/service-accounts/" + accountId, found -> true, WAIT);
            assertThat(view.get("marketplaceAppId").asText()).isEqualTo("legacy-app");

            HttpResponse<String> renamed = company.accountCommand(account, "PATCH", "", Map.of("name", "renamed"));
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            HttpResponse<String> resent = company.accountCommand(account, "PATCH", "", Map.of("name", "renamed again",
                    "appType", "MARKETPLACE", "marketplaceAppId", "legacy-app"));
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
            assertProblem(company.accountCommand(account, "PATCH", "", Map.of("marketplaceAppId", "other-app")), 400,
                    "INVALID_FIELD");
            assertThat(company.awaitView(account, found -> "renamed again".equals(found.get("name").asText()))
                    .get("marketplaceAppId").asText()).isEqualTo("legacy-app");
        }
    }

    private HttpResponse<String> register(String token, String id, String name) {
        return api.postJson(system.commandUrl() + APPS, token, Map.of("id", id, "name", name));
    }
}
