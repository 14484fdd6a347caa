package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/design.md §9: "behaviour after kill -9 is unknown: find out and make it safe". The embedded MongoDB runs in
 * a child JVM; writes are acknowledged to a client; the child is killed with SIGKILL at once; a new server
 * on the same data directory must still hold every acknowledged write.
 */
class EmbeddedMongoKillTests {

    private static final int DOCUMENTS = 200;

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
