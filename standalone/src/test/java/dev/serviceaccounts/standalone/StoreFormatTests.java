package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions.md D53: a store written before format 2 (mongo-java-server's own H2 backend, Java serialisation)
 * opens with every document and unique index, also when the migration was killed while copying or while swapping.
 */
class StoreFormatTests {

    @Test
    void whenAStoreOfTheOldFormatIsOpenedThenEveryDocumentAndUniqueIndexIsThere(@TempDir Path data) {
        Map<String, List<Document>> written = writeOldStore(data);

        Map<String, List<Document>> read = readAndCheckIndexes(data);

        assertThat(read).isEqualTo(written);
        try (MVStore store = MVStore.open(data.resolve(EmbeddedMongo.STORE_FILE).toString())) {
            assertThat(store.<String, Object>openMap(StoreFormat.FORMAT_MAP).get(StoreFormat.VERSION))
                    .isEqualTo(StoreFormat.CURRENT);
            assertThat(StoreFormat.copies(store)).isEmpty();
        }
        assertThat(readAndCheckIndexes(data)).as("opened again, migrated no more").isEqualTo(written);
    }

    /** docs/decisions.md D62: before, the migrated file kept the old maps' chunks too (650 KiB here became 780). */
    @Test
    void whenAStoreIsMigratedThenItsFileKeepsNoChunkOfTheOldMaps(@TempDir Path data) {
        Map<String, List<Document>> written = writeOldStore(data);
        long oldSize = data.resolve(EmbeddedMongo.STORE_FILE).toFile().length();

        MVStore store = StoreFormat.open(data.resolve(EmbeddedMongo.STORE_FILE).toString());
        long migrated = data.resolve(EmbeddedMongo.STORE_FILE).toFile().length();
        store.closeImmediately(); // as a kill would: the compacted file is the store

        assertThat(migrated).isLessThan(oldSize / 2);
        assertThat(readAndCheckIndexes(data)).isEqualTo(written);
    }

    @Test
    void whenTheMigrationWasKilledWhileCopyingThenTheNextOpenStartsAgain(@TempDir Path data) {
        Map<String, List<Document>> written = writeOldStore(data);
        MVStore store = MVStore.open(data.resolve(EmbeddedMongo.STORE_FILE).toString());
        StoreFormat.openData(store, StoreFormat.MIGRATING + "databases.db.events")
                .put("half", new de.bwaldvogel.mongo.bson.Document("_id", "half"));
        store.commit();
        StoreFormat.openData(store, StoreFormat.MIGRATING + "databases.db.accounts")
                .put("uncommitted", new de.bwaldvogel.mongo.bson.Document());
        store.closeImmediately();

        assertThat(readAndCheckIndexes(data)).isEqualTo(written);
    }

    @Test
    void whenTheMigrationWasKilledWhileSwappingThenTheNextOpenFinishesIt(@TempDir Path data) {
        Map<String, List<Document>> written = writeOldStore(data);
        MVStore store = MVStore.open(data.resolve(EmbeddedMongo.STORE_FILE).toString());
        StoreFormat.copyAll(store);
        List<String> copies = StoreFormat.copies(store);
        assertThat(copies).hasSizeGreaterThan(3);
        StoreFormat.swap(store, copies.get(0));
        StoreFormat.swap(store, copies.get(1));
        store.commit();
        StoreFormat.swap(store, copies.get(2));
        store.closeImmediately();

        assertThat(readAndCheckIndexes(data)).isEqualTo(written);
    }

    @Test
    void whenCollectionsIndexesAndDatabasesAreDroppedThenTheStoreReopensWithTheRest(@TempDir Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0); MongoClient client = client(mongo.port())) {
            MongoDatabase db = client.getDatabase("db");
            for (String name : List.of("kept", "dropped")) {
                db.getCollection(name).createIndex(new Document("key", 1), new IndexOptions().unique(true));
                db.getCollection(name).insertOne(new Document("_id", new ObjectId()).append("key", name));
            }
            db.getCollection("kept").createIndex(new Document("other", 1), new IndexOptions().unique(true));
            db.getCollection("kept").dropIndex("other_1");
            db.getCollection("dropped").drop();
            client.getDatabase("gone").getCollection("c").insertOne(new Document("key", 1));
            client.getDatabase("gone").drop();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0); MongoClient client = client(mongo.port())) {
            MongoDatabase db = client.getDatabase("db");
            assertThat(db.listCollectionNames()).containsExactly("kept");
            assertThat(db.getCollection("kept").find(Filters.eq("key", "kept")).first()).isNotNull();
            assertDuplicate(db.getCollection("kept"), new Document("key", "kept"));
            db.getCollection("kept").insertOne(new Document("other", 1)); // the dropped index refuses nothing
            db.getCollection("kept").insertOne(new Document("other", 1).append("key", "again"));
            assertThat(client.listDatabaseNames()).doesNotContain("gone");
        }
    }

    /** Writes documents of every type and unique indexes with mongo-java-server's own backend; returns them. */
    private static Map<String, List<Document>> writeOldStore(Path data) {
        MongoServer server = new MongoServer(new H2Backend(data.resolve(EmbeddedMongo.STORE_FILE).toString()));
        try (MongoClient client = client(server)) {
            MongoDatabase db = client.getDatabase("db");
            MongoCollection<Document> events = db.getCollection("events");
            events.createIndex(new Document("aggregateIdentifier", 1).append("sequenceNumber", 1),
                    new IndexOptions().unique(true).name("uniqueAggregateIndex"));
            events.createIndex(new Document("timestamp", 1));
            for (int i = 0; i < 300; i++) {
                events.insertOne(new Document("aggregateIdentifier", "sa-" + i % 7).append("sequenceNumber", (long) i)
                        .append("timestamp", String.format("2026-01-01T00:%02d:00Z", i % 60))
                        .append("payload", new Document("n", i).append("tags", List.of("a", i))));
            }
            MongoCollection<Document> accounts = db.getCollection("accounts");
            accounts.createIndex(new Document("email", 1), new IndexOptions().unique(true));
            accounts.createIndex(new Document("profile.id", 1), new IndexOptions().unique(true).sparse(true));
            accounts.insertOne(everyType("acc-1", "one@example.com"));
            accounts.insertOne(everyType("acc-2", "two@example.com").append("profile", new Document("id", 2)));
            accounts.insertOne(new Document("_id", "acc-3").append("email", null));
            db.getCollection("tokens").insertOne(new Document("_id", new Document("processor", "p").append("segment", 0))
                    .append("token", new Binary(new byte[] {1, 2, 3})));
            return all(db);
        } finally {
            server.shutdownNow();
        }
    }

    private static Document everyType(String id, String email) {
        return new Document("_id", id).append("email", email).append("int", 1).append("long", 2L)
                .append("double", 3.5).append("string", "välue").append("bool", true).append("null", null)
                .append("objectId", new ObjectId()).append("date", new Date(1_780_000_000_123L))
                .append("binary", new Binary(new byte[] {0, (byte) 255})).append("uuid", UUID.randomUUID())
                .append("decimal", new Decimal128(new BigDecimal("12.50"))).append("timestamp", new BsonTimestamp(9, 1))
                .append("min", new MinKey()).append("max", new MaxKey()).append("code", new Code("f()"))
                .append("regex", java.util.regex.Pattern.compile("^a", java.util.regex.Pattern.CASE_INSENSITIVE))
                .append("nested", new Document("list", List.of(1, "two", new Document("three", List.of()))));
    }

    /** Opens the data directory as the system does; checks the unique indexes refuse and find; returns the documents. */
    private static Map<String, List<Document>> readAndCheckIndexes(Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0); MongoClient client = client(mongo.port())) {
            MongoDatabase db = client.getDatabase("db");
            Map<String, List<Document>> all = all(db);
            MongoCollection<Document> events = db.getCollection("events");
            assertDuplicate(events, new Document("aggregateIdentifier", "sa-3").append("sequenceNumber", 10L));
            assertDuplicate(events, new Document("aggregateIdentifier", "sa-3").append("sequenceNumber", 10));
            assertThat(events.find(Filters.and(Filters.eq("aggregateIdentifier", "sa-3"),
                    Filters.eq("sequenceNumber", 10))).first()).isNotNull();
            MongoCollection<Document> accounts = db.getCollection("accounts");
            assertDuplicate(accounts, new Document("_id", "acc-4").append("email", "two@example.com"));
            assertDuplicate(accounts, new Document("_id", "acc-4"));
            assertDuplicate(accounts, new Document("_id", "acc-4").append("email", "4").append("profile", new Document("id", 2.0)));
            assertThat(accounts.find(Filters.eq("email", "one@example.com")).first().get("_id")).isEqualTo("acc-1");
            return all;
        }
    }

    private static void assertDuplicate(MongoCollection<Document> collection, Document document) {
        assertThatThrownBy(() -> collection.insertOne(document)).isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
    }

    private static Map<String, List<Document>> all(MongoDatabase db) {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String name : List.of("events", "accounts", "tokens")) {
            List<Document> documents = new ArrayList<>();
            db.getCollection(name).find().forEach((Consumer<Document>) documents::add);
            all.put(name, documents);
            List<Document> sorted = new ArrayList<>();
            db.getCollection(name).find().sort(Sorts.descending("_id")).forEach((Consumer<Document>) sorted::add);
            all.put(name + " by _id descending", sorted);
        }
        return all;
    }

    private static MongoClient client(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return client(server.getLocalAddress().getPort());
    }

    private static MongoClient client(int port) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + port))
                .uuidRepresentation(UuidRepresentation.STANDARD).build());
    }
}
