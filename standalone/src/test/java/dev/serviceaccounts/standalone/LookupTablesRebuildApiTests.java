package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.command.lookup.LookupTables;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * {@code POST /api/v1/admin/lookup-tables:rebuild} over HTTP (docs/decisions.md D47): the command side's lookup
 * tables are rebuilt from the events beside the live ones while eight threads send commands that race for a few
 * emails and create accounts; no email is ever held twice in a directory, every contact and {@code client_id} made
 * before, during or after the rebuild is found afterwards, and entries lost from the live tables before the
 * rebuild are back.
 */
class LookupTablesRebuildApiTests {

    private static final String REBUILD = "/admin/lookup-tables:rebuild";
    private static final String STATUS = "/admin/lookup-tables/rebuild";
    private static final int WRITERS = 8;
    private static final int EMAILS = 12;
    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    @Test
    void whenRebuiltUnderConcurrentCommandsThenNoInvariantBreaksAndTheTablesFollowTheEvents() throws Exception {
        String operator = api.operatorToken();
        TestCompany company = api.company(operator, "Lookup rebuild " + UUID.randomUUID());
        TestCompany other = api.company(operator, "Lookup rebuild elsewhere " + UUID.randomUUID());
        String lostEmail = "lost-" + UUID.randomUUID() + "@example.com";
        String lostPerson = company.person("Lost entries", lostEmail);
        JsonNode lostAccount = company.account("Lost client id");
        loseLiveEntries(company, lostPerson, lostEmail, lostAccount.get("clientId").asText());
        assertThat(other.addContact(lostPerson).statusCode()).as("its contact entry is lost").isEqualTo(404);
        String pool = "pool-" + UUID.randomUUID() + "-";

        Map<String, Set<String>> winners = new ConcurrentHashMap<>();
        Map<String, String> clientIds = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            sent.add(writers.submit(() -> write(company, pool, writer, writing, winners, clientIds)));
        }
        JsonNode status;
        try {
            Thread.sleep(500);
            HttpResponse<String> started = api.command("POST", REBUILD, operator, null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(started.headers().firstValue("Location")).hasValue("/api/v1" + STATUS);
            String into = Api.json(started).get("into").asText();
            assertThat(into).startsWith("_r");
            assertThat(Api.json(api.command("POST", REBUILD, operator, null)).get("into").asText())
                    .as("a second start answers the running rebuild").isEqualTo(into);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            do {
                Thread.sleep(200);
                status = Api.json(api.command("GET", STATUS, operator, null));
            } while (!Set.of("SWITCHED", "FAILED").contains(status.get("state").asText()) && System.nanoTime() < deadline);
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("SWITCHED");
            assertThat(status.get("live").asText()).isEqualTo(into);
            assertThat(status.get("eventsReplayed").asLong()).isPositive();
            assertThat(status.get("tables")).extracting(JsonNode::asText)
                    .containsExactly("client_id_registry", "contact_registry", "directory_emails");
            Thread.sleep(3_000);
        } finally {
            writing.set(false);
            writers.shutdown();
        }
        int commands = 0;
        for (Future<Integer> writer : sent) {
            commands += writer.get(60, TimeUnit.SECONDS);
        }
        assertThat(commands).isGreaterThan(WRITERS);

        winners.forEach((email, contacts) -> assertThat(contacts).as("contacts that took " + email).hasSizeLessThan(2));
        Map<String, String> claims = claims(company);
        winners.forEach((email, contacts) -> contacts.forEach(contact -> assertThat(claims)
                .as("the claim of " + email).containsEntry(key(company, email), contact)));
        assertThat(claims).as("the lost claim, back from the events").containsEntry(key(company, lostEmail), lostPerson);
        assertProblem(company.createPerson("Late namesake", lostEmail.toUpperCase()), 409, "EMAIL_TAKEN");
        assertThat(other.addContact(lostPerson).statusCode()).as("its contact entry, back from the events").isEqualTo(200);
        clientIds.put(lostAccount.get("clientId").asText(), lostAccount.get("id").asText());
        Map<String, String> registry = registry();
        clientIds.forEach((clientId, account) -> assertThat(registry).containsEntry(clientId, account));
        for (String contact : winners.values().stream().flatMap(Set::stream).toList()) {
            HttpResponse<String> moved = company.changeEmail(contact, "moved-" + UUID.randomUUID() + "@example.com");
            assertThat(moved.statusCode()).as("%s found after the rebuild: %s", contact, moved.body()).isEqualTo(200);
        }
        assertDirectoryHasUniqueEmails(company);
    }

    @Test
    void whenNotOperatorThenRefused() {
        TestCompany company = api.company("Not the operator's lookup rebuild " + UUID.randomUUID());

        assertProblem(api.command("POST", REBUILD, company.tokenWith("ADMIN", "ADMIN"), null), 403, "FORBIDDEN");
        assertProblem(api.command("GET", STATUS, company.tokenWith("ADMIN", "ADMIN"), null), 403, "FORBIDDEN");
        assertProblem(api.command("POST", REBUILD, null, null), 401, "UNAUTHORIZED");
    }

    /**
     * One writer: people created with emails from a small pool (several writers race for each), its own people's
     * emails changed to pool emails, and accounts created, until told to stop. @return the commands it sent
     */
    private static int write(TestCompany company, String pool, int writer, AtomicBoolean writing,
                             Map<String, Set<String>> winners, Map<String, String> clientIds) {
        List<String> mine = new ArrayList<>();
        int commands = 0;
        while (writing.get()) {
            String email = pool + ThreadLocalRandom.current().nextInt(EMAILS) + "@example.com";
            switch (commands % 3) {
                case 0 -> {
                    HttpResponse<String> created = company.createPerson("Writer " + writer, email);
                    assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
                    if (created.statusCode() == 201) {
                        String contact = Api.json(created).get("id").asText();
                        mine.add(contact);
                        winners.computeIfAbsent(email, key -> ConcurrentHashMap.newKeySet()).add(contact);
                    } else {
                        assertThat(Api.json(created).get("code").asText()).isEqualTo("EMAIL_TAKEN");
                    }
                }
                case 1 -> {
                    if (!mine.isEmpty()) {
                        String contact = mine.remove(0);
                        HttpResponse<String> changed = company.changeEmail(contact, email);
                        assertThat(changed.statusCode()).as(changed.body()).isIn(200, 409);
                        if (changed.statusCode() == 200) {
                            winners.values().forEach(holders -> holders.remove(contact));
                            winners.computeIfAbsent(email, key -> ConcurrentHashMap.newKeySet()).add(contact);
                        }
                        mine.add(contact);
                    }
                }
                default -> {
                    JsonNode account = company.account("Writer " + writer + " account");
                    clientIds.put(account.get("clientId").asText(), account.get("id").asText());
                }
            }
            commands++;
        }
        return commands;
    }

    /** Removes the person's email claim and contact entry and the account's client_id from the live tables. */
    private static void loseLiveEntries(TestCompany company, String person, String email, String clientId) {
        ApplicationContext commandSide = system.apps().commandSide();
        LookupTables.Generation live = commandSide.getBean(LookupTables.class).current();
        MongoTemplate mongo = commandSide.getBean(MongoTemplate.class);
        assertThat(mongo.remove(Query.query(Criteria.where("_id").is(key(company, email))), live.reads("directory_emails"))
                .getDeletedCount()).isEqualTo(1);
        assertThat(mongo.remove(Query.query(Criteria.where("_id").is(person)), live.reads("contact_registry"))
                .getDeletedCount()).isEqualTo(1);
        assertThat(mongo.remove(Query.query(Criteria.where("_id").is(clientId)), live.reads("client_id_registry"))
                .getDeletedCount()).isEqualTo(1);
    }

    /** @return the live directory_emails claims of {@code company}'s directory: key to contact id */
    private static Map<String, String> claims(TestCompany company) {
        Map<String, String> claims = new HashMap<>();
        for (Document claim : live("directory_emails", Criteria.where("_id").regex("^" + company.id() + "\\|"))) {
            claims.put(claim.getString("_id"), claim.getString("contactId"));
        }
        return claims;
    }

    /** @return the live client_id registry: client id to account id */
    private static Map<String, String> registry() {
        Map<String, String> registry = new HashMap<>();
        live("client_id_registry", new Criteria()).forEach(entry ->
                registry.put(entry.getString("_id"), entry.getString("serviceAccountId")));
        return registry;
    }

    private static List<Document> live(String table, Criteria criteria) {
        ApplicationContext commandSide = system.apps().commandSide();
        String collection = commandSide.getBean(LookupTables.class).current().reads(table);
        return commandSide.getBean(MongoTemplate.class).find(Query.query(criteria), Document.class, collection);
    }

    private static String key(TestCompany company, String email) {
        return company.id() + "|" + EmailAddresses.uniquenessKey(email);
    }

    private void assertDirectoryHasUniqueEmails(TestCompany company) {
        JsonNode list = api.awaitQuery(company.operator(), "/api/v1/companies/" + company.id()
                + "/directory/contacts", view -> true, Duration.ofSeconds(20));
        Map<String, String> seen = new HashMap<>();
        for (JsonNode contact : list.get("items")) {
            String email = EmailAddresses.uniquenessKey(contact.get("email").asText());
            assertThat(seen.put(email, contact.get("id").asText())).as("two contacts with " + email).isNull();
        }
    }
}
