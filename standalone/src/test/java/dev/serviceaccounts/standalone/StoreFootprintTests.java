package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions.md D62: the embedded store's file holds its documents, not every commit of the last 45 s. Each
 * write of one client in sequence is a commit of its own, a chunk of some 10 to 50 KiB; with MVStore's default
 * retention of 45 s the file kept them all (about 17 MiB per 1,000 writes in {@code bench/store-writes}).
 */
class StoreFootprintTests {

    private static final int DOCUMENTS = 1_500;
    /** About 0.7 KiB of a document; both writes of each document together carry about 2 MiB. */
    private static final long BOUND = 8L * 1024 * 1024;

    @Test
    void whenEveryWriteIsACommitOfItsOwnThenTheFileStaysNearTheDocumentsSize(@TempDir Path data) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("db"))) {
            writeAndUpdate(client.getDatabase("db").getCollection("accounts"));

            assertThat(Files.size(data.resolve(EmbeddedMongo.STORE_FILE))).isLessThan(BOUND); // was 83 MiB, now 2.5
        }
    }

    @Test
    void whenTheStoreWasCompactedWhileWrittenThenEveryDocumentIsThereAfterReopen(@TempDir Path data) {
        Map<String, Document> written;
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("db"))) {
            written = writeAndUpdate(client.getDatabase("db").getCollection("accounts"));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("db"))) {
            Map<String, Document> read = new HashMap<>();
            client.getDatabase("db").getCollection("accounts").find()
                    .forEach(document -> read.put(document.getString("_id"), document));
            assertThat(read).isEqualTo(written);
        }
        assertThat(data.resolve(EmbeddedMongo.STORE_FILE).toFile().length()).isLessThan(BOUND);
    }

    /** Inserts {@link #DOCUMENTS} documents one by one, updates each, deletes every tenth; returns what is left. */
    private static Map<String, Document> writeAndUpdate(MongoCollection<Document> accounts) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            Document document = new Document("_id", UUID.randomUUID().toString()).append("state", "created")
                    .append("n", i)
                    .append("secretHash", UUID.randomUUID() + "-" + UUID.randomUUID() + "-" + UUID.randomUUID())
                    .append("description", "account " + i + " " + UUID.randomUUID() + " " + "x".repeat(i % 400));
            accounts.insertOne(document);
            documents.add(document);
        }
        Map<String, Document> left = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            accounts.updateOne(Filters.eq("_id", document.getString("_id")), Updates.set("state", "active"));
            document.put("state", "active");
            if (i % 10 == 0) {
                accounts.deleteOne(Filters.eq("_id", document.getString("_id")));
            } else {
                left.put(document.getString("_id"), document);
            }
        }
        return left;
    }
}
