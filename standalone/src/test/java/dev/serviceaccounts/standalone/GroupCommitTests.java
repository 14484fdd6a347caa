package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions.md D40: writes that arrive together share one commit of the embedded store, each is acknowledged only
 * once a commit holds it, and a commit torn by {@code kill -9} is skipped when the store opens. The kill itself is
 * {@link EmbeddedMongoKillTests}.
 */
class GroupCommitTests {

    private static final int WRITERS = 16;
    private static final int DOCUMENTS_PER_WRITER = 50;

    @Test
    void whenWritersRunConcurrentlyThenTheyShareCommitsAndEveryWriteIsThereAfterReopen(@TempDir Path data)
            throws Exception {
        String file = data.resolve("store.mv").toString();
        DurableH2Backend backend = new DurableH2Backend(file);
        MongoServer server = new MongoServer(backend);
        long versionBefore;
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            events.insertOne(new Document("_id", "first"));
            versionBefore = backend.getMvStore().getCurrentVersion();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int w = writer;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < DOCUMENTS_PER_WRITER; i++) {
                        String id = w + "-" + i;
                        events.insertOne(new Document("_id", id).append("state", "created"));
                        events.updateOne(Filters.eq("_id", id), Updates.set("state", "active"));
                        // the writer's own connection reads its write back at once
                        assertThat(events.find(Filters.eq("_id", id)).first()).containsEntry("state", "active");
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            writers.shutdown();
        }
        long commits = backend.getMvStore().getCurrentVersion() - versionBefore;
        server.shutdownNow();

        assertThat(commits).isPositive().isLessThan(2L * WRITERS * DOCUMENTS_PER_WRITER);
        MongoServer reopened = new MongoServer(new DurableH2Backend(file));
        try (MongoClient client = MongoClients.create(reopened.bindAndGetConnectionString())) {
            Map<String, String> states = new HashMap<>();
            client.getDatabase("db").getCollection("events").find(Filters.ne("_id", "first"))
                    .forEach(document -> states.put(document.getString("_id"), document.getString("state")));
            assertThat(states).hasSize(WRITERS * DOCUMENTS_PER_WRITER).allSatisfy((id, state) ->
                    assertThat(state).isEqualTo("active"));
        } finally {
            reopened.shutdownNow();
        }
    }

    @Test
    void whenAWriteIsAcknowledgedThenTheFileHoldsItAlready(@TempDir Path data, @TempDir Path copies)
            throws IOException {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            for (int i = 0; i < 5; i++) {
                events.insertOne(new Document("_id", i));
                // a copy of the file now is what a kill -9 now would leave behind
                Path copy = copies.resolve("copy" + i + ".mv");
                Files.copy(data.resolve(EmbeddedMongo.STORE_FILE), copy);
                MVStore store = MVStore.open(copy.toString());
                try {
                    assertThat(StoreFormat.openData(store, "databases.db.events").sizeAsLong()).isEqualTo(i + 1);
                } finally {
                    store.closeImmediately();
                }
            }
        }
    }

    @Test
    void whenTheNewestChunkIsTornThenTheStoreOpensAtTheCommitBeforeIt(@TempDir Path data) throws IOException {
        for (boolean truncated : new boolean[] {true, false}) {
            Path file = data.resolve("torn-" + truncated + ".mv");
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            MVMap<String, String> map = store.openMap("data");
            map.put("first", "x".repeat(10_000));
            store.commit();
            long before = Files.size(file);
            map.put("second", "y".repeat(100_000));
            store.commit();
            long after = Files.size(file);
            store.closeImmediately(); // as kill -9: no clean-shutdown mark

            // the last commit's chunk, written at the end of the file, reached it only half
            long torn = before + (after - before) / 2;
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                if (truncated) {
                    raw.setLength(torn);
                } else {
                    raw.seek(torn);
                    raw.write(new byte[(int) (after - torn)]);
                }
            }

            MVStore reopened = MVStore.open(file.toString());
            MVMap<String, String> recovered = reopened.openMap("data");
            assertThat(recovered.get("first")).hasSize(10_000);
            assertThat(recovered.containsKey("second")).isFalse();
            recovered.put("third", "z");
            reopened.close();
            MVStore again = MVStore.open(file.toString());
            assertThat(again.<String, String>openMap("data").keySet()).containsExactlyInAnyOrder("first", "third");
            again.close();
        }
    }
}
