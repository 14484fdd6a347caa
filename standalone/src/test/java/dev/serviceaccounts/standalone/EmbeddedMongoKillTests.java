package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/design.md §9: "behaviour after kill -9 is unknown: find out and make it safe". The embedded MongoDB runs in
 * a child JVM; writes are acknowledged to a client; the child is killed with SIGKILL; a new server on the same data
 * directory must open and still hold every acknowledged write. With concurrent writers the kill lands in the middle
 * of group commits (docs/decisions.md D40); {@code -Dkill.iterations=N} repeats that case (3 by default).
 */
class EmbeddedMongoKillTests {

    private static final int DOCUMENTS = 200;
    private static final int WRITERS = 8;

    @Test
    void killWhenWritesWereAcknowledgedThenTheyAreAllThereAfterRestart(@TempDir Path data, @TempDir Path logs)
            throws Exception {
        Path log = logs.resolve("child.log");
        // the child's output goes to a file: a pipe nobody drains would fill up and stall the child
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedMongoMain.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String port = awaitPort(log, child);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
                for (int i = 0; i < DOCUMENTS; i++) {
                    events.insertOne(new Document("_id", i).append("payload", "event " + i));
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (EmbeddedMongo restarted = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(restarted.uri("db"))) {
            assertThat(client.getDatabase("db").getCollection("events").countDocuments()).isEqualTo(DOCUMENTS);
        }
    }

    @Test
    void whenConcurrentWritersAreKilledMidCommitThenTheStoreOpensWithEveryAcknowledgedWrite(@TempDir Path data,
                                                                                            @TempDir Path logs)
            throws Exception {
        int iterations = Integer.getInteger("kill.iterations", 3);
        Random random = new Random();
        for (int run = 0; run < iterations; run++) {
            int iteration = run;
            Path store = data.resolve("run" + iteration);
            Map<String, Integer> acknowledged = writeUntilKilled(store, logs.resolve("child" + iteration + ".log"),
                    200 + random.nextInt(1500));
            try (EmbeddedMongo restarted = EmbeddedMongo.start(store, 0);
                 MongoClient client = MongoClients.create(restarted.uri("db"))) {
                Map<String, Integer> stored = new HashMap<>();
                client.getDatabase("db").getCollection("events").find()
                        .forEach(document -> stored.put(document.getString("_id"), document.getInteger("version")));
                assertThat(acknowledged).isNotEmpty();
                acknowledged.forEach((id, version) -> assertThat(stored.get(id))
                        .as("iteration %d, document %s", iteration, id).isNotNull().isGreaterThanOrEqualTo(version));
            }
        }
    }

    /**
     * Writers insert documents (4 KiB each, large chunks) and raise a version in the earlier ones until the child is
     * killed after {@code millis}; returns the acknowledged version of every document acknowledged.
     */
    private static Map<String, Integer> writeUntilKilled(Path data, Path log, int millis) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedMongoMain.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        try {
            String port = awaitPort(log, child);
            // no retry and a short server selection: a write after the kill fails at once
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port
                    + "/?retryWrites=false&serverSelectionTimeoutMS=1000")) {
                MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
                events.insertOne(new Document("_id", "first").append("version", 0));
                acknowledged.put("first", 0);
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                String padding = "p".repeat(4096);
                for (int writer = 0; writer < WRITERS; writer++) {
                    int w = writer;
                    writers.execute(() -> {
                        try {
                            for (int i = 0; ; i++) {
                                String id = w + "-" + i;
                                events.insertOne(new Document("_id", id).append("version", 0)
                                        .append("padding", padding));
                                acknowledged.put(id, 0);
                                String earlier = w + "-" + (i / 2);
                                events.updateOne(Filters.eq("_id", earlier), Updates.set("version", i));
                                acknowledged.put(earlier, i);
                            }
                        } catch (RuntimeException killed) {
                            // the child is gone: this write was not acknowledged
                        }
                    });
                }
                Thread.sleep(millis);
                child.destroyForcibly();
                writers.shutdown();
                assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return acknowledged;
    }

    private static String awaitPort(Path log, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && child.isAlive()) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("PORT ")) {
                    return line.substring(5);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("child server did not start: " + Files.readString(log));
    }

    /** The child process: an embedded MongoDB on a random port, which it prints, until killed. */
    public static final class EmbeddedMongoMain {

        private EmbeddedMongoMain() {
        }

        public static void main(String[] args) throws InterruptedException {
            EmbeddedMongo mongo = EmbeddedMongo.start(Path.of(args[0]), 0);
            System.out.println("PORT " + mongo.port());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
