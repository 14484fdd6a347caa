package dev.serviceaccounts.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.serviceaccounts.query.audit.AuditEvents;
import dev.serviceaccounts.query.audit.AuditQuery;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A measurement, not a test (only {@code -Dtest=IndexBuildMeasurement} runs it): opens a copy of a store seeded by
 * {@code bench/SeedEvents.java audit} ({@code -Dstore=<dir>}: the directory holding {@code data/mongo.mv} and
 * {@code accounts.tsv}) with {@link DurableH2Backend}, as the run jar does, and prints the seconds the opening, the
 * start's index ensuring (in {@link AuditEvents}' constructor), the first page of an account's history (which builds
 * the collection's in-memory indexes, docs/decisions.md D38, D52) and the next pages take, and the CPU seconds of the
 * process meanwhile (the machine may be busy); then the mean milliseconds of an account page's existence check and
 * page ({@code -Dpages=N} random accounts, default 100, after as many to warm up; D56). Server and client share the
 * process, so the CPU figures are both sides' together.
 */
class IndexBuildMeasurement {

    @Test
    void measure() throws Exception {
        Path seeded = Path.of(System.getProperty("store"));
        List<String> accounts = Files.readAllLines(seeded.resolve("accounts.tsv"));
        Path copy = Files.createTempDirectory("index-build");
        Path file = copy.resolve("mongo.mv");
        Files.copy(seeded.resolve("data").resolve("mongo.mv"), file, StandardCopyOption.REPLACE_EXISTING);
        try {
            long started = System.nanoTime();
            MongoServer server = new MongoServer(new DurableH2Backend(file.toString()));
            server.bind("127.0.0.1", 0);
            print("open", started);
            String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            try (MongoClient client = MongoClients.create(uri)) {
                started = System.nanoTime();
                AuditEvents events = new AuditEvents(new MongoTemplate(client, "service-accounts"));
                print("ensure indexes", started);
                for (int i = 0; i < 6; i++) {
                    String[] account = accounts.get(i * 7 % accounts.size()).split(" ");
                    started = System.nanoTime();
                    int items = events.findPage(account[0], new AuditQuery(account[1], Set.of(), null, null, null,
                            AuditQuery.Order.NEWEST, null, 100)).items().size();
                    print("page " + i + " (" + items + " entries)", started);
                }
                measurePages(events, accounts, Integer.getInteger("pages", 100));
            } finally {
                server.shutdownNow();
            }
            System.out.printf("store %d MiB after%n", Files.size(file) >> 20);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(copy);
        }
    }

    /**
     * Prints the mean wall and CPU milliseconds of the two queries of an account's history page (docs/decisions.md
     * D56): the existence check ({@link AuditEvents#exists}) and the page of 100 entries, for {@code pages} accounts
     * picked at random, twice (the first round warms up).
     */
    private static void measurePages(AuditEvents events, List<String> accounts, int pages) {
        for (int round = 0; round < 2; round++) {
            Random random = new Random(round);
            long checks = 0;
            long reads = 0;
            long checksCpu = 0;
            long readsCpu = 0;
            for (int i = 0; i < pages; i++) {
                String[] account = accounts.get(random.nextInt(accounts.size())).split(" ");
                long cpu = cpu();
                long started = System.nanoTime();
                boolean exists = events.exists(account[0], account[1], "ServiceAccountCreatedEvent");
                long checked = System.nanoTime();
                long checkedCpu = cpu();
                int items = events.findPage(account[0], new AuditQuery(account[1], Set.of(), null, null, null,
                        AuditQuery.Order.NEWEST, null, 100)).items().size();
                if (!exists || items != 100) {
                    throw new IllegalStateException(account[1] + ": exists " + exists + ", " + items + " entries");
                }
                checks += checked - started;
                reads += System.nanoTime() - checked;
                checksCpu += checkedCpu - cpu;
                readsCpu += cpu() - checkedCpu;
            }
            System.out.printf("index-build round %d of %d pages: existence check %.2f ms (CPU %.2f ms), page %.2f ms"
                    + " (CPU %.2f ms)%n", round, pages, checks / 1e6 / pages, checksCpu / 1e6 / pages,
                    reads / 1e6 / pages, readsCpu / 1e6 / pages);
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long cpuAtLast;

    /** Prints the wall seconds since {@code started} and the CPU seconds the process used since the last print. */
    private static void print(String what, long started) {
        long cpu = cpu();
        System.out.printf("index-build %-24s %8.2f s, CPU %6.2f s%n", what, (System.nanoTime() - started) / 1e9,
                (cpu - cpuAtLast) / 1e9);
        cpuAtLast = cpu;
    }
}
