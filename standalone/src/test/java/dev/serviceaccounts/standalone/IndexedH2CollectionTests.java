package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions.md D38: the embedded server answers queries from in-memory sorted indexes; every answer (documents
 * and their order) must be the scan's. Random documents, writes and queries of the shapes the system sends (Axon's
 * event store and our views) go to the indexed server and to mongo-java-server's plain H2 backend, which scans.
 */
class IndexedH2CollectionTests {

    private static final String[] TIMESTAMPS = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z",
        "2026-01-01T00:00:01.5Z", "2026-01-02T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"};

    @Test
    void whenRandomWritesAndQueriesThenIndexedAnswersEqualScannedAnswers(@TempDir Path data) {
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            try (Servers servers = new Servers(new DurableH2Backend(data.resolve("s" + seed + ".mv").toString()))) {
                servers.both(Servers::createIndexes);
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    Document document = randomDocument(random, i);
                    ids.add(i);
                    servers.both(events -> events.insertOne(document));
                }
                assertSameAnswers(servers, random, 150);
                for (int i = 0; i < 120; i++) {
                    int id = ids.get(random.nextInt(ids.size()));
                    Bson update = switch (random.nextInt(3)) {
                        case 0 -> Updates.set("timestamp", TIMESTAMPS[random.nextInt(TIMESTAMPS.length)]);
                        case 1 -> Updates.set("n", plainValue(random));
                        default -> Updates.set("account.serviceAccountId", "sa-" + random.nextInt(30));
                    };
                    servers.both(events -> events.updateOne(Filters.eq("_id", id), update));
                }
                for (int i = 0; i < 60; i++) {
                    int id = ids.remove(random.nextInt(ids.size()));
                    servers.both(events -> events.deleteOne(Filters.eq("_id", id)));
                }
                assertSameAnswers(servers, random, 150);
                Document odd = new Document("_id", 10_000).append("n", List.of(1, 2)).append("timestamp", 7)
                        .append("aggregateIdentifier", "odd").append("sequenceNumber", 0L);
                servers.both(events -> events.insertOne(odd));
                assertSameAnswers(servers, random, 60);
            }
        }
    }

    @Test
    void whenTheStoreIsReopenedThenTheIndexesAreRebuiltAndStillAnswer(@TempDir Path data) {
        String file = data.resolve("store.mv").toString();
        Random random = new Random(42);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            documents.add(randomDocument(random, i));
        }
        try (Servers servers = new Servers(new DurableH2Backend(file))) {
            servers.both(Servers::createIndexes);
            servers.both(events -> events.insertMany(documents));
        }
        DurableH2Backend reopened = new DurableH2Backend(file);
        try (Servers servers = new Servers(reopened)) {
            servers.scanned().insertMany(documents);
            assertSameAnswers(servers, random, 150);
            IndexedH2Collection collection =
                    (IndexedH2Collection) reopened.resolveDatabase("db").resolveCollection("events", false);
            assertThat(collection.plan(bson(new Document("timestamp", new Document("$gte", TIMESTAMPS[2]))),
                    bson(new Document("timestamp", 1).append("sequenceNumber", 1)))).isPresent();
        }
    }

    @Test
    void whenTheSystemsQueryShapesThenAnIndexAnswersThem(@TempDir Path data) {
        DurableH2Backend backend = new DurableH2Backend(data.resolve("store.mv").toString());
        try (Servers servers = new Servers(backend)) {
            servers.both(Servers::createIndexes);
            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                Document document = randomDocument(random, i);
                servers.both(events -> events.insertOne(document));
            }
            IndexedH2Collection events =
                    (IndexedH2Collection) backend.resolveDatabase("db").resolveCollection("events", false);
            // Axon: tracking fetch, aggregate load, last sequence number, tail token; our views: by one field
            assertThat(events.plan(bson(new Document("$and", List.of(
                    new Document("timestamp", new Document("$gte", TIMESTAMPS[1])),
                    new Document("eventIdentifier", new Document("$nin", List.of("e1")))))),
                    bson(new Document("timestamp", 1).append("sequenceNumber", 1)))).isPresent();
            assertThat(events.plan(bson(new Document("$and", List.of(new Document("aggregateIdentifier", "agg-1"),
                    new Document("sequenceNumber", new Document("$gte", 2L))))),
                    bson(new Document("sequenceNumber", 1)))).isPresent();
            assertThat(events.plan(bson(new Document("aggregateIdentifier", "agg-1")),
                    bson(new Document("sequenceNumber", -1)))).isPresent();
            assertThat(events.plan(bson(new Document()), bson(new Document("timestamp", 1)))).isPresent();
            assertThat(events.plan(bson(new Document("account.serviceAccountId", "sa-1")), null)).isPresent();
            // a tracking batch's read of its accounts' entries (D54)
            assertThat(events.plan(bson(new Document("account.serviceAccountId", new Document("$in",
                    IntStream.range(0, 1_000).mapToObj(n -> "sa-" + n).toList()))), null)).isPresent();
            assertThat(events.plan(bson(new Document("_id", 3)), null)).isEmpty();
            assertThat(events.plan(bson(new Document("other", 3)), null)).isEmpty();
        }
    }

    @Test
    void whenAuditHistoryQueriesThenIndexedAnswersEqualScannedAnswers(@TempDir Path data) {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            DurableH2Backend backend = new DurableH2Backend(data.resolve("a" + seed + ".mv").toString());
            try (Servers servers = new Servers(backend, "audit_events")) {
                servers.both(Servers::createAuditIndexes);
                for (int i = 1; i <= 500; i++) {
                    Document entry = auditEntry(random, i);
                    servers.both(audit -> audit.insertOne(entry));
                }
                assertSameAuditAnswers(servers, random, 200);
                for (int i = 0; i < 80; i++) {
                    long key = 1 + random.nextInt(500);
                    Bson update = switch (random.nextInt(3)) {
                        case 0 -> Updates.set("companyIds", companies(random));
                        case 1 -> random.nextBoolean() ? Updates.unset("actor") : Updates.set("actor", null);
                        default -> Updates.set("type", "T" + random.nextInt(4));
                    };
                    servers.both(audit -> audit.updateOne(Filters.eq("_id", "e" + key), update));
                }
                for (int i = 0; i < 40; i++) {
                    String id = "e" + (1 + random.nextInt(500));
                    servers.both(audit -> audit.deleteOne(Filters.eq("_id", id)));
                }
                assertSameAuditAnswers(servers, random, 200);
            }
        }
    }

    @Test
    void whenTheAuditHistorysQueryShapesThenAnIndexNarrowsThemAndGivesTheirOrder(@TempDir Path data) {
        DurableH2Backend backend = new DurableH2Backend(data.resolve("store.mv").toString());
        try (Servers servers = new Servers(backend, "audit_events")) {
            servers.both(Servers::createAuditIndexes);
            Random random = new Random(3);
            List<Document> entries = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                entries.add(auditEntry(random, i));
            }
            servers.indexed().insertMany(entries);
            IndexedH2Collection audit =
                    (IndexedH2Collection) backend.resolveDatabase("db").resolveCollection("audit_events", false);
            Document newest = new Document("sortKey", -1);
            // by account, by company, by actor, by types, each with a cursor: equality (array element) first
            for (Document filter : List.of(new Document("companyIds", "c1").append("aggregateId", "agg-3"),
                    new Document("companyIds", "c1"),
                    new Document("companyIds", "c1").append("actor", "a2"),
                    new Document("companyIds", "c1").append("type", new Document("$in", List.of("T1", "T2"))),
                    new Document("companyIds", "c1").append("sortKey", new Document("$lt", 200L)))) {
                for (Document sort : List.of(newest, new Document("sortKey", 1))) {
                    assertThat(audit.plan(bson(filter), bson(sort))).as("%s sort %s", filter, sort)
                            .hasValueSatisfying(plan -> {
                                assertThat(plan.sortsAsAsked()).isTrue();
                                assertThat(plan.score()).isGreaterThanOrEqualTo(5);
                            });
                }
            }
            assertThat(audit.plan(bson(new Document("companyIds", "c1").append("aggregateId", "agg-3")), bson(newest))
                    .orElseThrow().estimate().getAsLong()).isLessThan(40);
        }
    }

    @Test
    void whenAnAccountsCreationIsLookedForThenItsOwnEntriesAnswerAndTheCreationComesFirst(@TempDir Path data) {
        DurableH2Backend backend = new DurableH2Backend(data.resolve("store.mv").toString());
        try (Servers servers = new Servers(backend, "audit_events")) {
            servers.both(Servers::createAuditIndexes);
            // 200 accounts of one company, 5 entries each, every account's creation first; _ids in another order
            List<Document> entries = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                entries.add(new Document("_id", "e" + Integer.toString(i * 7_919 % 1_000 + 1_000))
                        .append("sortKey", (long) i + 1).append("companyIds", List.of("c1"))
                        .append("time", new Date(i * 1_000L)).append("actor", "operator")
                        .append("type", i < 200 ? "ServiceAccountCreatedEvent" : "ServiceAccountEditedEvent")
                        .append("aggregateId", "agg-" + i % 200).append("payload", "{}"));
            }
            servers.both(audit -> audit.insertMany(entries));
            IndexedH2Collection audit =
                    (IndexedH2Collection) backend.resolveDatabase("db").resolveCollection("audit_events", false);
            // AuditEvents.exists: the account's 5 entries, oldest first, not the company's 200 creations
            Document created = new Document("aggregateId", "agg-150").append("companyIds", "c1")
                    .append("type", "ServiceAccountCreatedEvent");
            SortedKeyIndex.Plan plan = audit.plan(bson(created), bson(new Document("sortKey", 1))).orElseThrow();
            assertThat(plan.fields()).containsExactly("aggregateId", "sortKey");
            assertThat(plan.sortsAsAsked()).isTrue();
            assertThat(plan.positions().iterator().next()).isEqualTo(entries.get(150).get("_id"));
            // the account's page, newest first
            Document account = new Document("companyIds", "c1").append("aggregateId", "agg-150");
            SortedKeyIndex.Plan page = audit.plan(bson(account), bson(new Document("sortKey", -1))).orElseThrow();
            assertThat(page.fields()).containsExactly("aggregateId", "sortKey");
            assertThat(page.positions()).containsExactly(entries.get(950).get("_id"), entries.get(750).get("_id"),
                    entries.get(550).get("_id"), entries.get(350).get("_id"), entries.get(150).get("_id"));
            for (Document sort : List.of(new Document("sortKey", 1), new Document("sortKey", -1))) {
                assertThat(find(servers.indexed(), created, sort, 0, 1, 0))
                        .isEqualTo(find(servers.scanned(), created, sort, 0, 1, 0))
                        .extracting(found -> found.get("_id")).containsExactly(entries.get(150).get("_id"));
            }
        }
    }

    private static void assertSameAuditAnswers(Servers servers, Random random, int queries) {
        for (int i = 0; i < queries; i++) {
            Document filter = randomAuditFilter(random);
            Document sort = switch (random.nextInt(5)) {
                case 0 -> new Document("sortKey", 1);
                case 1 -> null;
                case 2 -> new Document("actor", 1).append("sortKey", 1);
                default -> new Document("sortKey", -1);
            };
            int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
            int batch = random.nextInt(8);
            List<Document> indexed = find(servers.indexed(), filter, sort, 0, limit, batch);
            List<Document> scanned = find(servers.scanned(), filter, sort, 0, limit, batch);
            assertThat(indexed).as("find %s sort %s limit %d batch %d", filter, sort, limit, batch)
                    .isEqualTo(scanned);
        }
    }

    /** The filters AuditEvents sends (company, then aggregate, actor, types, time, cursor), and a few others. */
    private static Document randomAuditFilter(Random random) {
        Document filter = new Document();
        if (random.nextInt(8) != 0) {
            filter.append("companyIds", "c" + random.nextInt(6));
        }
        if (random.nextInt(3) == 0) {
            filter.append("aggregateId", "agg-" + random.nextInt(40));
        }
        if (random.nextInt(3) == 0) {
            filter.append("actor", random.nextInt(6) == 0 ? null : "a" + random.nextInt(4));
        }
        if (random.nextInt(3) == 0) {
            filter.append("type", new Document("$in", random.ints(random.nextInt(4), 0, 5)
                    .mapToObj(n -> n == 4 ? (Object) 4 : "T" + n).toList()));
        }
        if (random.nextInt(4) == 0) {
            filter.append("time", new Document("$gte", new Date(random.nextInt(400) * 1000L))
                    .append("$lt", new Date(random.nextInt(600) * 1000L)));
        }
        if (random.nextInt(3) == 0) {
            filter.append("sortKey", new Document(random.nextBoolean() ? "$lt" : "$gt", (long) random.nextInt(500)));
        }
        if (random.nextInt(6) == 0) {
            filter.append("companyIds", new Document("$in", List.of("c" + random.nextInt(6), "c" + random.nextInt(6))));
        }
        return !filter.isEmpty() && random.nextInt(5) == 0 ? new Document("$and", filter.entrySet().stream()
                .map(condition -> new Document(condition.getKey(), condition.getValue())).toList()) : filter;
    }

    private static Document auditEntry(Random random, int sortKey) {
        Document entry = new Document("_id", "e" + sortKey).append("sortKey", (long) sortKey)
                .append("companyIds", companies(random)).append("time", new Date(sortKey * 1000L));
        switch (random.nextInt(5)) {
            case 0 -> entry.append("actor", null);
            case 1 -> { } // no actor
            default -> entry.append("actor", "a" + random.nextInt(4));
        }
        return entry.append("type", "T" + random.nextInt(4)).append("aggregateId", "agg-" + random.nextInt(40))
                .append("payload", "{}");
    }

    private static List<String> companies(Random random) {
        String company = "c" + random.nextInt(6);
        return random.nextInt(4) == 0 ? List.of(company, "c" + random.nextInt(6)) : List.of(company);
    }

    private static void assertSameAnswers(Servers servers, Random random, int queries) {
        for (int i = 0; i < queries; i++) {
            Document filter = randomFilter(random);
            Document sort = randomSort(random);
            int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
            int skip = random.nextInt(5) == 0 ? random.nextInt(5) : 0;
            int batch = random.nextInt(8);
            List<Document> indexed = find(servers.indexed(), filter, sort, skip, limit, batch);
            List<Document> scanned = find(servers.scanned(), filter, sort, skip, limit, batch);
            assertThat(indexed).as("find %s sort %s skip %d limit %d batch %d", filter, sort, skip, limit, batch)
                    .isEqualTo(scanned);
            assertThat(servers.indexed().countDocuments(filter)).isEqualTo(servers.scanned().countDocuments(filter));
        }
    }

    private static List<Document> find(MongoCollection<Document> events, Document filter, Document sort, int skip,
                                       int limit, int batch) {
        FindIterable<Document> found = events.find(filter).skip(skip).limit(limit).batchSize(batch);
        return (sort == null ? found : found.sort(sort)).into(new ArrayList<>());
    }

    private static Document randomDocument(Random random, int id) {
        return new Document("_id", random.nextBoolean() ? id : "id-" + id)
                .append("aggregateIdentifier", "agg-" + id / 5)
                .append("sequenceNumber", (long) (id % 5))
                .append("timestamp", TIMESTAMPS[random.nextInt(TIMESTAMPS.length)])
                .append("eventIdentifier", "e" + random.nextInt(100))
                .append("account", new Document("serviceAccountId", "sa-" + random.nextInt(30)))
                .append("n", plainValue(random));
    }

    private static Object plainValue(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(6);
            case 1 -> (long) random.nextInt(6);
            case 2 -> random.nextInt(6) + (random.nextBoolean() ? 0.5 : 0.0);
            case 3 -> String.valueOf(random.nextInt(6));
            default -> random.nextBoolean();
        };
    }

    private static Document randomFilter(Random random) {
        String timestamp = TIMESTAMPS[random.nextInt(TIMESTAMPS.length)];
        return switch (random.nextInt(10)) {
            case 0 -> new Document("$and", List.of(new Document("timestamp", new Document("$gte", timestamp)),
                    new Document("eventIdentifier", new Document("$nin", random.ints(30, 0, 100)
                            .mapToObj(n -> n % 7 == 0 ? (Object) n : "e" + n).toList()))));
            case 1 -> new Document("$and", List.of(new Document("aggregateIdentifier", "agg-" + random.nextInt(90)),
                    new Document("sequenceNumber", new Document("$gte", (long) random.nextInt(6)))));
            case 2 -> new Document("aggregateIdentifier", "agg-" + random.nextInt(90));
            case 3 -> new Document("account.serviceAccountId", "sa-" + random.nextInt(32));
            case 4 -> new Document("n", plainValue(random));
            case 5 -> new Document("n", new Document(randomOperator(random), plainValue(random))
                    .append(randomOperator(random), plainValue(random)));
            case 6 -> new Document("timestamp", new Document("$gt", timestamp).append("$lte", TIMESTAMPS[4]))
                    .append("sequenceNumber", new Document("$lt", 3));
            case 7 -> new Document("timestamp", timestamp).append("sequenceNumber", random.nextInt(5));
            case 8 -> new Document("account.serviceAccountId", new Document("$in",
                    random.ints(random.nextInt(600), 0, 600).mapToObj(n -> n % 9 == 0 ? (Object) n : "sa-" + n)
                            .toList()));
            default -> new Document();
        };
    }

    private static String randomOperator(Random random) {
        return List.of("$gt", "$gte", "$lt", "$lte", "$eq", "$ne").get(random.nextInt(6));
    }

    private static Document randomSort(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> new Document("timestamp", 1).append("sequenceNumber", 1);
            case 2 -> new Document("timestamp", -1).append("sequenceNumber", -1);
            case 3 -> new Document("sequenceNumber", 1);
            case 4 -> new Document("sequenceNumber", -1);
            case 5 -> new Document("timestamp", 1);
            case 6 -> new Document("n", -1);
            default -> new Document("aggregateIdentifier", 1).append("sequenceNumber", -1);
        };
    }

    /** The server's form of {@code document}, as it reaches a collection. */
    private static de.bwaldvogel.mongo.bson.Document bson(Document document) {
        de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
        document.forEach((key, value) -> converted.put(key, bsonValue(value)));
        return converted;
    }

    private static Object bsonValue(Object value) {
        if (value instanceof Document document) {
            return bson(document);
        }
        return value instanceof List<?> list ? list.stream().map(IndexedH2CollectionTests::bsonValue).toList() : value;
    }

    /** The server under test and a plain (scanning) H2 server, with a client each. */
    private record Servers(MongoServer indexedServer, MongoServer scannedServer, MongoClient indexedClient,
                           MongoClient scannedClient, String collection) implements AutoCloseable {

        Servers(DurableH2Backend backend) {
            this(backend, "events");
        }

        Servers(DurableH2Backend backend, String collection) {
            this(new MongoServer(backend), new MongoServer(H2Backend.inMemory()), collection);
        }

        private Servers(MongoServer indexed, MongoServer scanned, String collection) {
            this(indexed, scanned, client(indexed), client(scanned), collection);
        }

        private static MongoClient client(MongoServer server) {
            server.bind("127.0.0.1", 0);
            return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        }

        MongoCollection<Document> indexed() {
            return indexedClient.getDatabase("db").getCollection(collection);
        }

        MongoCollection<Document> scanned() {
            return scannedClient.getDatabase("db").getCollection(collection);
        }

        void both(Consumer<MongoCollection<Document>> action) {
            action.accept(indexed());
            action.accept(scanned());
        }

        static void createIndexes(MongoCollection<Document> events) {
            events.createIndex(new Document("aggregateIdentifier", 1).append("sequenceNumber", 1),
                    new IndexOptions().unique(true).name("uniqueAggregateIndex"));
            events.createIndex(new Document("timestamp", 1).append("sequenceNumber", 1),
                    new IndexOptions().name("orderedEventStreamIndex"));
            events.createIndex(new Document("account.serviceAccountId", 1));
            events.createIndex(new Document("n", 1));
        }

        /** The indexes of AuditEvents (query side). */
        static void createAuditIndexes(MongoCollection<Document> audit) {
            audit.createIndex(new Document("sortKey", 1), new IndexOptions().unique(true));
            audit.createIndex(new Document("companyIds", 1).append("sortKey", 1));
            audit.createIndex(new Document("companyIds", 1).append("actor", 1).append("sortKey", 1));
            audit.createIndex(new Document("companyIds", 1).append("type", 1).append("sortKey", 1));
            audit.createIndex(new Document("aggregateId", 1).append("sortKey", 1));
        }

        @Override
        public void close() {
            indexedClient.close();
            scannedClient.close();
            indexedServer.shutdownNow();
            scannedServer.shutdownNow();
        }
    }
}
