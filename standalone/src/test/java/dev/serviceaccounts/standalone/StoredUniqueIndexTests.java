package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions.md D53: a unique index compares its keys value by value now; which inserts it refuses as duplicates
 * and which documents an equality finds through it must be those of mongo-java-server's own H2 index (which compared
 * Java serialisations), for mixed numeric types, strings, nested documents, arrays, null and missing values.
 */
class StoredUniqueIndexTests {

    private static final ObjectId ID = new ObjectId();

    /** Each value is inserted in order; the index refuses those equal to an earlier one. */
    private static final List<Object> VALUES = Arrays.asList(1, 1L, 1.0, 2.5, 2L, 2, -0.0, 0, 0.0,
            Long.MAX_VALUE, (double) Long.MAX_VALUE, "a", "a", "A", "", new Document("x", 1),
            new Document("x", 1.0), new Document("x", 1).append("y", 2), new Document("y", 2).append("x", 1),
            new Document("x", List.of(1, 2)), new Document("x", List.of(1, 3)), List.of(7, 8), List.of(8, 9),
            null, ID, ID, new ObjectId(), true, false, true);

    @Test
    void whenValuesOfMixedTypesAreInsertedThenTheSameAreRefusedAndFoundAsByTheOldIndex(@TempDir Path data) {
        MongoServer stored = new MongoServer(new DurableH2Backend(data.resolve("store.mv").toString()));
        MongoServer old = new MongoServer(H2Backend.inMemory());
        try (MongoClient storedClient = client(stored); MongoClient oldClient = client(old)) {
            MongoCollection<Document> storedValues = values(storedClient);
            MongoCollection<Document> oldValues = values(oldClient);
            List<String> storedOutcomes = insertAll(storedValues);
            List<String> oldOutcomes = insertAll(oldValues);
            for (Object value : VALUES) {
                assertThat(ids(storedValues, value)).as("find %s", value).isEqualTo(ids(oldValues, value));
            }

            assertThat(storedOutcomes).isEqualTo(oldOutcomes).contains("duplicate").contains("inserted");
            assertThat(storedValues.countDocuments()).isEqualTo(oldValues.countDocuments());
        } finally {
            stored.shutdownNow();
            old.shutdownNow();
        }
    }

    @Test
    void whenAFieldIsMissingTwiceThenTheSecondIsADuplicateAsBefore(@TempDir Path data) {
        MongoServer stored = new MongoServer(new DurableH2Backend(data.resolve("store.mv").toString()));
        try (MongoClient client = client(stored)) {
            MongoCollection<Document> values = values(client);
            values.insertOne(new Document("_id", 1));

            List<String> outcomes = List.of(insert(values, new Document("_id", 2)),
                    insert(values, new Document("_id", 3).append("value", null)));

            assertThat(outcomes).containsExactly("duplicate", "duplicate");
            assertThat(values.find(Filters.eq("value", null)).first()).isEqualTo(new Document("_id", 1));
        } finally {
            stored.shutdownNow();
        }
    }

    private static List<String> insertAll(MongoCollection<Document> values) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            outcomes.add(insert(values, new Document("_id", i).append("value", VALUES.get(i))));
        }
        return outcomes;
    }

    private static String insert(MongoCollection<Document> values, Document document) {
        try {
            values.insertOne(document);
            return "inserted";
        } catch (MongoWriteException e) {
            assertThat(e.getCode()).isEqualTo(11000);
            return "duplicate";
        }
    }

    private static List<Object> ids(MongoCollection<Document> values, Object value) {
        List<Object> ids = new ArrayList<>();
        values.find(new Document("value", value)).forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    private static MongoCollection<Document> values(MongoClient client) {
        MongoCollection<Document> values = client.getDatabase("db").getCollection("values");
        values.createIndex(new Document("value", 1), new IndexOptions().unique(true));
        return values;
    }

    private static MongoClient client(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }
}
