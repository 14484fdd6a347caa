package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md §7, docs/decisions.md D36: a {@link ServiceAccountCreatedEvent} stored before revision 1 (its
 * generated email named {@code contactEmail}) is read through the event store's upcaster by the aggregate and
 * by every projection, and a new one is stored in the current shape. The fixture is what a system wrote for
 * "create company, create account" before the change, copied from MongoDB: the two commit documents of
 * {@code domainevents} and the command side's lookup entries the service wrote beside them.
 */
class EventUpcastingTests {

    private static final String FIXTURE = "/events/service-account-created-unrevisioned.json";
    private static final String COMPANY_ID = "2319ad22-ce21-4b9b-8e2b-5d4ad93317f3";
    private static final String ACCOUNT_ID = "7418408e-53ae-40c7-9b8d-707f1ca0acc1";
    private static final String CONTACT_ID = "1c7de70d-a216-4002-8719-cccefbb3a1e2";
    private static final String CLIENT_ID = "xQ7NeVDG6sJZom7SNR0ILvu9p7lyZop3";
    private static final String GENERATED_EMAIL = "sa-7418408e53ae40c7@service-accounts.invalid";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void whenAccountStoredInTheOldShapeThenAggregateAndEveryViewReadItsGeneratedEmail() throws Exception {
        Path dataDirectory = TestSystem.newDataDirectory();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient client = MongoClients.create(mongo.uri(TestSystem.DATABASE))) {
            fixture().forEach((collection, documents) -> client.getDatabase(TestSystem.DATABASE)
                    .getCollection(collection).insertMany(documents));
        }
        try (TestSystem system = TestSystem.start(dataDirectory)) {
            Api api = system.api();
            String operator = api.operatorToken();
            TestCompany company = new TestCompany(api, operator, COMPANY_ID);
            String accountPath = "/api/v1/companies/" + COMPANY_ID + "/service-accounts/" + ACCOUNT_ID;

            // the companies view: the company's own path answers
            JsonNode known = api.awaitQuery(operator, "/api/v1/companies/" + COMPANY_ID, c -> true, WAIT);
            assertThat(known.get("name").asText()).isEqualTo("Acme Upcast");
            // the service-account view
            JsonNode view = api.awaitQuery(operator, accountPath, v -> true, WAIT);
            assertThat(view.get("contact").get("email").asText()).isEqualTo(GENERATED_EMAIL);
            assertThat(view.get("contact").get("generatedEmail").asText()).isEqualTo(GENERATED_EMAIL);
            assertThat(view.get("functional").asBoolean()).isTrue();
            // the directory view
            JsonNode contact = company.awaitContact(CONTACT_ID, c -> true);
            assertThat(contact.get("email").asText()).isEqualTo(GENERATED_EMAIL);
            // the stored token-eligibility view
            assertThat(storedEligibility(system).get("generatedEmail", String.class)).isEqualTo(GENERATED_EMAIL);

            // the aggregate: the rule of invariant 2 compares with the upcast email, and names it
            HttpResponse<String> refused = company.changeEmail(CONTACT_ID, "renamed@example.com");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(Api.json(refused).get("detail").asText()).contains(GENERATED_EMAIL);
            // follow-up commands on the loaded aggregate: a new secret, a grant, and a token from the instance's view
            HttpResponse<String> reset = company.accountCommand(account(), "POST", "/secret:reset", null);
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
            JsonNode credentials = Api.json(reset);
            company.grant(account(), "DIRECTORY", "READ_ONLY");
            String secret = credentials.get("clientSecret").asText();
            assertThat(api.tokenBasic(CLIENT_ID, secret).statusCode()).isEqualTo(200);
            // broken, then set back to the upcast email without acknowledgement: functional again
            assertThat(company.changeEmailAcknowledged(CONTACT_ID, "renamed@example.com").statusCode()).isEqualTo(200);
            assertThat(api.tokenBasic(CLIENT_ID, secret).statusCode()).isNotEqualTo(200);
            HttpResponse<String> back = company.changeEmail(CONTACT_ID, GENERATED_EMAIL);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(api.tokenBasic(CLIENT_ID, secret).statusCode()).isEqualTo(200);
            JsonNode after = api.awaitQuery(operator, accountPath, v -> v.get("usable").asBoolean(), WAIT);
            assertThat(after.get("contact").get("email").asText()).isEqualTo(GENERATED_EMAIL);
            assertThat(company.awaitContact(CONTACT_ID, c -> c.get("email").asText().equals(GENERATED_EMAIL))
                    .get("email").asText()).isEqualTo(GENERATED_EMAIL);
        }
    }

    @Test
    void whenAccountCreatedNowThenStoredInTheCurrentShapeWithItsRevision() {
        TestSystem system = TestSystem.shared();
        TestCompany company = system.api().company("Current shape " + UUID.randomUUID());
        JsonNode account = company.account("current");
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            Document commit = client.getDatabase(TestSystem.DATABASE).getCollection("domainevents")
                    .find(Filters.eq("aggregateIdentifier", account.get("id").asText())).first();
            assertThat(commit).isNotNull();
            Document event = commit.getList("events", Document.class).get(0);
            assertThat(event.getString("payloadRevision")).isEqualTo(ServiceAccountCreatedEvent.REVISION);
            assertThat(event.getString("serializedPayload"))
                    .contains("\"generatedEmail\":\"" + account.get("contact").get("email").asText() + "\"")
                    .doesNotContain("contactEmail");
        }
        assertThat(company.view(account).get("contact").get("generatedEmail").asText())
                .isEqualTo(account.get("contact").get("email").asText());
    }

    private static JsonNode account() {
        return new ObjectMapper().createObjectNode().put("id", ACCOUNT_ID);
    }

    private static Document storedEligibility(TestSystem system) throws InterruptedException {
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            MongoCollection<Document> collection = client.getDatabase(TestSystem.DATABASE)
                    .getCollection("token_eligibility");
            Instant deadline = Instant.now().plus(WAIT);
            Document entry = collection.find(Filters.eq("_id", CLIENT_ID)).first();
            while (entry == null && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                entry = collection.find(Filters.eq("_id", CLIENT_ID)).first();
            }
            assertThat(entry).as("token_eligibility entry of " + CLIENT_ID).isNotNull();
            return entry.get("account", Document.class);
        }
    }

    /** @return the fixture's documents by collection */
    static Map<String, List<Document>> fixture() throws IOException {
        try (InputStream in = EventUpcastingTests.class.getResourceAsStream(FIXTURE)) {
            Document stored = Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, List<Document>> collections = new LinkedHashMap<>();
            stored.keySet().forEach(collection -> collections.put(collection, stored.getList(collection, Document.class)));
            return collections;
        }
    }
}
