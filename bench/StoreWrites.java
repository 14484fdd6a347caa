import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.serviceaccounts.standalone.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Write micro benchmark of the embedded MongoDB (bench/store-writes): the embedded server on a fresh data directory
 * in this JVM, and {@code clients} threads that each insert a document (about 1 KiB, a string key) and then update
 * it by {@code _id}, back to back, through the wire protocol (the driver's pool). After {@code warmup} s it measures
 * {@code seconds} s and prints writes/s, the p50 and p99 of a write in ms, the store's growth per 1,000 writes and the
 * JVM's CPU time (clients and server) per 1,000 writes.
 * <pre>java -cp standalone/target/classes:standalone/target/bench-lib/* bench/StoreWrites.java clients seconds warmup</pre>
 */
public final class StoreWrites {

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        Path data = Files.createTempDirectory("store-writes");
        String padding = "x".repeat(1000);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        List<List<Long>> latencies = new ArrayList<>();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri("bench"))) {
            MongoCollection<Document> collection = client.getDatabase("bench").getCollection("accounts");
            collection.insertOne(new Document("_id", "first"));
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                List<Long> mine = new ArrayList<>();
                latencies.add(mine);
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        String id = UUID.randomUUID().toString();
                        long start = System.nanoTime();
                        collection.insertOne(new Document("_id", id).append("state", "created").append("padding", padding));
                        long inserted = System.nanoTime();
                        collection.updateOne(Filters.eq("_id", id), Updates.set("state", "active"));
                        long updated = System.nanoTime();
                        if (measuring.get()) {
                            mine.add(inserted - start);
                            mine.add(updated - inserted);
                            writes.addAndGet(2);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(warmup * 1000L);
            long sizeBefore = Files.size(data.resolve(EmbeddedMongo.STORE_FILE));
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            measuring.set(true);
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - started) / 1e9;
            long sizeAfter = Files.size(data.resolve(EmbeddedMongo.STORE_FILE));
            long cpu = os.getProcessCpuTime() - cpuBefore;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            List<Long> all = new ArrayList<>();
            latencies.forEach(all::addAll);
            Collections.sort(all);
            long count = writes.get();
            System.out.printf("store.writes_per_s %.0f%n", count / elapsed);
            System.out.printf("store.write_p50_ms %.2f%n", percentile(all, 0.50));
            System.out.printf("store.write_p99_ms %.2f%n", percentile(all, 0.99));
            System.out.printf("store.kib_per_1000_writes %.0f%n", (sizeAfter - sizeBefore) / 1024.0 / count * 1000);
            System.out.printf("store.cpu_ms_per_1000_writes %.0f%n", cpu / 1e6 / count * 1000);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
    }
}
