package dev.serviceaccounts.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.serviceaccounts.query.audit.AuditCursor;
import dev.serviceaccounts.query.audit.AuditEntry;
import dev.serviceaccounts.query.audit.AuditEvents;
import dev.serviceaccounts.query.audit.AuditPage;
import dev.serviceaccounts.query.audit.AuditQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A measurement, not a test (its name ends in neither {@code Test} nor {@code Tests}, so only
 * {@code -Dtest=HistoryPagesMeasurement} runs it): pages of 100 entries of an audit history of 200,000 entries
 * over 100 companies (2,000 accounts of 100 entries, 5 actors per company; one entry in 1,000 of no aggregate and
 * no actor, as the projection writes for an event no aggregate applied and no request caused), read with {@link AuditEvents} through the
 * wire protocol from the embedded server ({@link DurableH2Backend}, docs/decisions.md D38); prints the mean and the
 * highest milliseconds per page of each kind. The store is seeded once under {@code target/audit-pages/} and kept.
 * {@code -Dpages=N} pages per kind (default 20) after {@code -Dwarmup=N} pages (default 20).
 */
class HistoryPagesMeasurement {

    private static final int COMPANIES = 100;
    private static final int ACCOUNTS = 2_000;
    private static final int PER_ACCOUNT = 100;

    @Test
    void measure() throws Exception {
        Path dir = Path.of("target", "audit-pages");
        boolean seeded = Files.exists(dir.resolve("seeded"));
        Files.createDirectories(dir);
        MongoServer server = new MongoServer(new DurableH2Backend(dir.resolve("mongo.mv").toString()));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoTemplate mongo = new MongoTemplate(client, "db");
            AuditEvents events = new AuditEvents(mongo);
            if (!seeded) {
                long started = System.nanoTime();
                seed(mongo);
                Files.writeString(dir.resolve("seeded"), "yes");
                System.out.printf("seeded %d entries in %.1f s%n", ACCOUNTS * PER_ACCOUNT,
                        (System.nanoTime() - started) / 1e9);
            }
            long started = System.nanoTime();
            events.findPage(company(0), query(null, null, null, AuditQuery.Order.NEWEST));
            System.out.printf("first query (builds the indexes after opening) %.0f ms%n",
                    (System.nanoTime() - started) / 1e6);
            int pages = Integer.getInteger("pages", 20);
            measure("by account, newest first", pages, i -> events.findPage(company(i % COMPANIES),
                    query(account(i), null, null, AuditQuery.Order.NEWEST)));
            measure("by account, oldest first, 2nd page", pages, i -> nextPage(events, company(i % COMPANIES),
                    query(account(i), null, null, AuditQuery.Order.OLDEST), 50));
            measure("by company, newest first", pages, i -> events.findPage(company(i % COMPANIES),
                    query(null, null, null, AuditQuery.Order.NEWEST)));
            measure("by company, newest first, 2nd page", pages, i -> nextPage(events, company(i % COMPANIES),
                    query(null, null, null, AuditQuery.Order.NEWEST), 100));
            measure("by company and actor, newest first", pages, i -> events.findPage(company(i % COMPANIES),
                    query(null, "client-" + i % 5, null, AuditQuery.Order.NEWEST)));
            measure("by company and 2 types, newest first", pages, i -> events.findPage(company(i % COMPANIES),
                    query(null, null, Set.of("T1", "T2"), AuditQuery.Order.NEWEST)));
        } finally {
            server.shutdownNow();
        }
    }

    private static AuditPage nextPage(AuditEvents events, String company, AuditQuery first, int limit) {
        AuditPage page = events.findPage(company, withLimit(first, limit));
        return events.findPage(company, new AuditQuery(first.aggregateId(), first.types(), first.actor(), null, null,
                first.order(), AuditCursor.decode(page.nextCursor()), first.limit()));
    }

    private static AuditQuery withLimit(AuditQuery query, int limit) {
        return new AuditQuery(query.aggregateId(), query.types(), query.actor(), null, null, query.order(),
                query.after(), limit);
    }

    private static AuditQuery query(String account, String actor, Set<String> types, AuditQuery.Order order) {
        return new AuditQuery(account, types == null ? Set.of() : types, actor, null, null, order, null, 100);
    }

    private static void measure(String kind, int pages, Function<Integer, AuditPage> page) {
        for (int i = 0; i < Integer.getInteger("warmup", 20); i++) {
            page.apply(1_000 + i);
        }
        double total = 0;
        double max = 0;
        int items = 0;
        for (int i = 0; i < pages; i++) {
            long started = System.nanoTime();
            items += page.apply(i * 37).items().size();
            double ms = (System.nanoTime() - started) / 1e6;
            total += ms;
            max = Math.max(max, ms);
        }
        System.out.printf("history.page %-38s %8.2f ms mean %8.2f ms max (%d pages, %d items/page)%n", kind,
                total / pages, max, pages, items / pages);
    }

    private static void seed(MongoTemplate mongo) {
        List<AuditEntry> batch = new ArrayList<>();
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        long key = 0;
        for (int round = 0; round < PER_ACCOUNT; round++) {
            for (int a = 0; a < ACCOUNTS; a++) {
                key++;
                boolean noAggregate = key % 1_000 == 0; // as an event no aggregate applied, no request caused
                batch.add(new AuditEntry("e" + key, key, List.of(company(a % COMPANIES)), time.plusMillis(key),
                        noAggregate ? null : "client-" + a % 5, noAggregate ? null : "r" + key, "T" + round % 4,
                        noAggregate ? null : "ServiceAccount", noAggregate ? null : account(a), "{}"));
                if (batch.size() == 1_000) {
                    mongo.insert(batch, "audit_events");
                    batch.clear();
                }
            }
        }
    }

    private static String company(int c) {
        return String.format("00000000-0000-0000-0000-%012d", c);
    }

    private static String account(int a) {
        return String.format("00000000-0000-0000-0001-%012d", a % ACCOUNTS);
    }
}
