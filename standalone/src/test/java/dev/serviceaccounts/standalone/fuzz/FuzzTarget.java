package dev.serviceaccounts.standalone.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.query.processor.ProcessorStatuses;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The system the fuzz sends to, with its callers and the ids its requests name: a system of its own (the fuzz
 * fails thousands of client authentications, which on the shared system would block every later test's token
 * requests), with a short failure delay and the brute-force limits out of reach. Two companies; in the first an
 * admin, an auditor and some victim accounts and a person, in the second an admin and a victim. The callers'
 * own accounts are never named in a path, so that the fuzz cannot delete, reset or demote who it sends as.
 *
 * <p>{@link #snapshot()} reads what a refused request must not change: the number of stored events and every
 * view and lookup table of both apps, documents in {@code _id} order (only the collections that move by
 * themselves are left out: tracking tokens, instance heartbeats and acknowledgements, and the secrets' last use).
 */
final class FuzzTarget implements AutoCloseable {

    /** Collections that change without a request: tracking tokens, heartbeats, acknowledgements, last use (D26). */
    private static final Set<String> MOVING_BY_THEMSELVES = Set.of("trackingtokens", "query_instances",
            "token_view_acks", "secret_usage");

    final TestSystem system;
    final Api api;
    final String operatorToken;
    final TestCompany companyA;
    final TestCompany companyB;
    final Client adminA;
    final Client auditorA;
    final Client adminB;
    /** Accounts the fuzz may change, delete or reset: their ids are in {@link #accountIds}. */
    final List<Client> victims = new ArrayList<>();
    final List<String> companyIds;
    final List<String> accountIds = new ArrayList<>();
    final List<String> contactIds = new ArrayList<>();
    /** Access tokens of the victims, one of them revoked, for introspection and revocation. */
    final List<String> victimTokens = new ArrayList<>();
    final String revokedToken;
    /** Every client secret handed out so far: none may appear in a later answer. */
    final Set<String> secrets = ConcurrentHashMap.newKeySet();

    private final MongoTemplate mongo;
    private final ProcessorStatuses processors;

    /** A client of the token service: its account id, credentials and an access token. */
    record Client(JsonNode account, String id, String clientId, String secret, String token) {
    }

    FuzzTarget() {
        system = TestSystem.start(TestSystem.newDataDirectory(), Map.of(
                "service-accounts.failure-delay", "1ms",
                "service-accounts.failure-limits.per-client-id", "100000000",
                "service-accounts.failure-limits.per-address", "100000000"));
        try {
            api = system.api();
            secrets.add(TestSystem.OPERATOR_SECRET);
            operatorToken = api.operatorToken();
            companyA = api.company(operatorToken, "Fuzz A " + UUID.randomUUID());
            companyB = api.company(operatorToken, "Fuzz B " + UUID.randomUUID());
            companyIds = List.of(companyA.id(), companyB.id());
            // the marketplace app the fuzz's plausible MARKETPLACE accounts name (docs/decisions.md D48)
            api.registerMarketplaceApp(operatorToken, FuzzInputs.MARKETPLACE_APP);
            adminA = client(companyA, "admin A", "ADMIN", "ADMIN");
            auditorA = client(companyA, "auditor A", "ADMIN", "READ_ONLY");
            adminB = client(companyB, "admin B", "ADMIN", "ADMIN");
            for (int i = 0; i < 3; i++) {
                victims.add(victim(companyA, "victim A" + i));
            }
            victims.add(victim(companyB, "victim B"));
            contactIds.add(companyA.person("Person A", "person-" + UUID.randomUUID() + "@example.com"));
            revokedToken = companyA.token(victims.get(0).account());
            if (api.clientPost("/oauth/revoke", victims.get(0).clientId(), victims.get(0).secret(),
                    "token=" + revokedToken).statusCode() != 200) {
                throw new AssertionError("could not revoke a victim's token");
            }
            victimTokens.add(revokedToken);
            mongo = system.apps().querySide().getBean(MongoTemplate.class);
            processors = system.apps().querySide().getBean(ProcessorStatuses.class);
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    private Client client(TestCompany company, String name, String tool, String level) {
        JsonNode account = company.account(name + " " + UUID.randomUUID(), tool, level);
        secrets.add(account.get("clientSecret").asText());
        return new Client(account, account.get("id").asText(), account.get("clientId").asText(),
                account.get("clientSecret").asText(), company.token(account));
    }

    private Client victim(TestCompany company, String name) {
        Client victim = client(company, name, "DOCUMENTS", "STANDARD");
        accountIds.add(victim.id());
        contactIds.add(TestCompany.contactId(victim.account()));
        victimTokens.add(victim.token());
        return victim;
    }

    /** @return the number of stored events and every view and lookup table's documents, by collection */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> state = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (MOVING_BY_THEMSELVES.contains(name)) {
                continue;
            }
            List<String> documents = new ArrayList<>();
            for (Document document : mongo.getCollection(name).find().sort(new Document("_id", 1))) {
                documents.add(document.toJson());
            }
            state.put(name, documents);
        }
        return state;
    }

    /** @return the number of commit documents in the event store */
    long storedEvents() {
        return mongo.getCollection("domainevents").countDocuments();
    }

    /**
     * Waits until every tracking processor of the query side has passed every stored event and the views stay
     * still, so that a later snapshot sees only what later requests do.
     *
     * @return the settled snapshot
     */
    Map<String, List<String>> settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, List<String>> last = snapshot();
        int still = 0;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(60).toNanos());
            Map<String, List<String>> now = snapshot();
            boolean caughtUp = processors.all().stream().allMatch(processor -> processor.segments().stream()
                    .allMatch(segment -> segment.eventsBehind() == 0));
            still = caughtUp && now.equals(last) ? still + 1 : 0;
            last = now;
            if (still >= 2) {
                return last;
            }
        }
        throw new AssertionError("the views did not settle within 60 s");
    }

    /** @return the first collection whose documents differ between the two snapshots, with both versions; null if none */
    static String difference(Map<String, List<String>> before, Map<String, List<String>> after) {
        Set<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            List<String> was = before.getOrDefault(name, List.of());
            List<String> is = after.getOrDefault(name, List.of());
            if (!was.equals(is)) {
                List<String> added = new ArrayList<>(is);
                added.removeAll(was);
                List<String> removed = new ArrayList<>(was);
                removed.removeAll(is);
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("collection", name);
                change.put("removed or changed", removed);
                change.put("added or changed", added);
                return change.toString();
            }
        }
        return null;
    }

    @Override
    public void close() {
        system.close();
    }
}
