package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions.md D64: the embedded MongoDB answers a query that asks for no batch size in batches, as MongoDB
 * does; in one reply, a result past the driver's 48,000,000 bytes failed the query (a query side with 100,000
 * accounts could not start: its token view's load was one 81 MB reply).
 */
class ReplyBatchTests {

    @Test
    void whenAFindAsksForNoBatchSizeThenTheFirstReplyHoldsOneBatchAndTheCursorTheRest(@TempDir Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("db"))) {
            MongoDatabase database = client.getDatabase("db");
            MongoCollection<Document> entries = database.getCollection("entries");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                documents.add(new Document("_id", i).append("n", i));
            }
            entries.insertMany(documents);

            Document cursor = database.runCommand(new Document("find", "entries")).get("cursor", Document.class);

            assertThat(cursor.getList("firstBatch", Document.class)).hasSize(DurableH2Backend.DEFAULT_BATCH_SIZE);
            assertThat(cursor.getLong("id")).isNotZero();
            assertThat(entries.find().into(new ArrayList<>())).hasSize(2_500);
            assertThat(entries.find().batchSize(100).into(new ArrayList<>())).hasSize(2_500);
        }
    }

    @Test
    void whenAResultIsLargerThanTheDriversLargestReplyThenItIsStillReadWhole(@TempDir Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("db"))) {
            MongoCollection<Document> entries = client.getDatabase("db").getCollection("entries");
            String text = "x".repeat(1_000);
            for (int batch = 0; batch < 6; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    documents.add(new Document("_id", batch * 10_000 + i).append("text", text));
                }
                entries.insertMany(documents);
            }

            // 60,000 documents of about 1 KB: about 61 MB, over the driver's 48,000,000 bytes in one reply
            assertThat(entries.find().into(new ArrayList<>())).hasSize(60_000);
        }
    }
}
