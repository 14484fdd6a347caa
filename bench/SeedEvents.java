import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;

/**
 * Seeds the embedded store with events directly, in the shape the Axon Mongo extension stores them (one document
 * per commit in {@code domainevents}, JSON payloads), much faster than through the API; and watches a running
 * system until its tracking processors have caught up. Shared by {@code bench/replay} and {@code bench/footprint}.
 * Needs the mongo driver and mongo-java-server on the class path (the run jar's {@code BOOT-INF/lib}), and for
 * {@code seed} and {@code audit} the run jar's own classes ({@code BOOT-INF/classes}): the seeded store is opened
 * once as the run jar opens it, which migrates it to the run jar's format (docs/decisions.md D53), so that a
 * benchmark's start measures no migration; {@code migrate <dataDir>} does only that (for a store seeded by an
 * earlier build).
 *
 * <pre>
 * java -cp 'lib/*' bench/SeedEvents.java seed &lt;dataDir&gt; &lt;accounts&gt; &lt;eventsPerAccount&gt; &lt;companies&gt; &lt;probeSecret&gt;
 * java -cp 'lib/*' bench/SeedEvents.java audit &lt;dataDir&gt; &lt;accounts&gt; &lt;eventsPerAccount&gt; &lt;companies&gt; &lt;accountsFile&gt;
 * java -cp 'lib/*' bench/SeedEvents.java await &lt;mongoPort&gt; &lt;budgetSeconds&gt; &lt;tokenUrl&gt; &lt;probeSecret&gt; &lt;events&gt;
 * </pre>
 *
 * <p>{@code seed} opens (creates) {@code <dataDir>/mongo.mv} with mongo-java-server's H2 backend (the store the
 * run jar opens; committed every 50,000 events, not per write) and appends {@code companies} CompanyCreated
 * events, then per account: ServiceAccountCreated, CompanyPermissionGranted, and then edits, rotations and
 * further grants up to {@code eventsPerAccount} events, in rounds (all accounts' n-th event, then the
 * (n+1)-th), 10 ms apart, the last a day ago (so no token view acknowledges them: older than the ack horizon).
 * The very last two events create and grant ADMIN to a probe account whose client id is {@code bench-probe}
 * and whose secret is {@code probeSecret}, so a successful token request shows that the token view has
 * applied the last event. Creates the indexes Axon's {@code ensureIndexes} creates, so that the system's first
 * start on the store does not build them. Prints {@code <events> <lastEventIdentifier>}.
 *
 * <p>{@code audit} (for {@code bench/history}) writes the {@code companies} CompanyCreated events into the event
 * store and, straight into {@code audit_events}, the audit history of {@code accounts x eventsPerAccount} account
 * events (the same events {@code seed} writes, in the same rounds), each entry as the audit projection writes it
 * (docs/decisions.md D32: sort key in order, the account's company, actor, request id, redacted payload), without
 * the account events themselves: the history is read from its own collection, and its projection would take hours
 * to build it on the embedded store. Writes {@code <companyId> <accountId>} per account to {@code accountsFile}.
 * Creates the history's indexes first (as {@code AuditEvents} does at the system's start), then inserts the entries
 * in the order of their random {@code _id}s (an entry's sort key is unrelated to its id, as in the system), committed
 * every {@value #AUDIT_COMMIT_EVERY}: 1,000,000 entries take about 2.6 GB and 300 s of CPU (bench/NOTES.md
 * "history"). Logs the store's size after each commit.
 *
 * <p>{@code await} polls {@code trackingtokens} every 100 ms until the processors' tokens contain the last
 * event (read from {@code domainevents}; {@code events}, the count {@code seed} printed, is not counted again: a
 * count is a scan of the whole store on the embedded server, minutes of the system's CPU at 1,000,000 events) and
 * the probe account gets a token from {@code tokenUrl}, or the budget runs out (see {@link #await}). Prints
 * {@code first-token <epochMillis>} when the first token appears, {@code first-batch <seconds> <events> <deliveries>} when
 * the slowest stored processor has passed its first batch (the seconds since the first token: the start's cost, the
 * embedded store's index build included; the events it and all stored processors together had passed then), {@code end <epochMillis>} at the end and
 * {@code deliveries <n>}, the events all stored processors had passed together (for the caller's CPU accounting),
 * and its progress to standard error every 5 s.
 */
public final class SeedEvents {

    private static final String DATABASE = "service-accounts";
    private static final int BATCH = 2000;
    private static final int COMMIT_EVERY = 100_000;
    private static final int AUDIT_COMMIT_EVERY = 100_000;
    private static final long SPACING_MILLIS = 10;
    private static final String SA = "ServiceAccount";
    /** How long {@code await} waits for the first tracking token (the system's start) before its budget runs. */
    private static final Duration START_ALLOWANCE = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "seed" -> seed(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args[5]);
            case "audit" -> audit(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Path.of(args[5]));
            case "migrate" -> toRunJarFormat(Path.of(args[1]));
            case "await" -> await(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4],
                    Long.parseLong(args[5]));
            default -> {
                System.err.println("usage: SeedEvents seed <dataDir> <accounts> <eventsPerAccount> <companies> <probeSecret>"
                        + " | audit <dataDir> <accounts> <eventsPerAccount> <companies> <accountsFile>"
                        + " | await <mongoPort> <budgetSeconds> <tokenUrl> <probeSecret> <events> | migrate <dataDir>");
                System.exit(2);
            }
        }
    }

    private static void seed(Path dataDir, int accounts, int perAccount, int companies, String probeSecret)
            throws Exception {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("mongo.mv");
        // as for audit: a commit only every COMMIT_EVERY events (H2 would commit every ~19 MiB of changes by itself),
        // and no old chunk kept for readers (there are none), so that pages are rewritten less and the file stays small
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .autoCommitBufferSize(1024 * 1024).cacheSize(256).open();
        store.setRetentionTime(0);
        H2Backend backend = new H2Backend(store);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        long total = companies + (long) accounts * perAccount + 2;
        Instant time = Instant.now().minus(Duration.ofDays(1)).minusMillis(total * SPACING_MILLIS);
        long began = System.nanoTime();
        String last;
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.hosts(List.of(new ServerAddress(address.getHostString(), address.getPort()))))
                .build())) {
            MongoCollection<Document> events = client.getDatabase(DATABASE).getCollection("domainevents");
            // the indexes first, as the system creates them: each insert then adds its keys; built afterwards,
            // mongo-java-server scans the collection twice per unique index (two thirds of the time before)
            createIndexes(events);
            Writer writer = new Writer(events, time, store, file, began);
            String[] companyIds = new String[companies];
            for (int c = 0; c < companies; c++) {
                companyIds[c] = UUID.randomUUID().toString();
                writer.add(companyIds[c], "Company", 0, "dev.serviceaccounts.api.company.CompanyCreatedEvent",
                        "{\"companyId\":{\"value\":\"" + companyIds[c] + "\"},\"name\":\"Bench company " + c + "\"}");
            }
            String[] ids = new String[accounts];
            for (int a = 0; a < accounts; a++) {
                ids[a] = UUID.randomUUID().toString();
            }
            // random ids, handed out in their order: each round then adds its (aggregate, sequence) keys to the unique
            // indexes in key order, touching each page of them once per round rather than at random
            java.util.Arrays.sort(ids);
            for (int round = 0; round < perAccount; round++) {
                for (int a = 0; a < accounts; a++) {
                    String company = companyIds[a % companies];
                    writer.add(ids[a], SA, round, payloadType(round), payload(round, ids[a], company,
                            "c" + a + "-" + ids[a].substring(0, 8), null, writer.time()));
                }
            }
            String probe = UUID.randomUUID().toString();
            writer.add(probe, SA, 0, payloadType(0), payload(0, probe, companyIds[0], "bench-probe", probeSecret,
                    writer.time()));
            last = writer.add(probe, SA, 1, payloadType(1), payload(1, probe, companyIds[0], "bench-probe", null,
                    writer.time()));
            writer.flush();
            store.commit();
            phase(writer.count + " events", file, began);
            System.out.println(writer.count + " " + last);
        } finally {
            server.shutdownNow();
        }
        toRunJarFormat(dataDir);
        phase("closed", file, began);
    }

    private static void audit(Path dataDir, int accounts, int perAccount, int companies, Path accountsFile)
            throws Exception {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("mongo.mv");
        // a commit only every AUDIT_COMMIT_EVERY entries: autoCommitDisabled() stops H2's background writer only, and
        // the store still commits by itself every ~19 MiB of changes (autoCommitBufferSize), each commit rewriting the
        // pages it touched (with random keys: nearly all); chunks a commit frees are reused at once (no reader needs
        // an older version while seeding). bench/NOTES.md "history"
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .autoCommitBufferSize(1024 * 1024).cacheSize(256).open();
        store.setRetentionTime(0);
        MongoServer server = new MongoServer(new H2Backend(store));
        InetSocketAddress address = server.bind();
        int total = accounts * perAccount;
        Instant start = Instant.now().minus(Duration.ofDays(1))
                .minusMillis((companies + (long) total) * SPACING_MILLIS);
        long began = System.nanoTime();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.hosts(List.of(new ServerAddress(address.getHostString(), address.getPort()))))
                .build())) {
            MongoDatabase db = client.getDatabase(DATABASE);
            Writer writer = new Writer(db.getCollection("domainevents"), start, store, file, began);
            String[] companyIds = new String[companies];
            for (int c = 0; c < companies; c++) {
                companyIds[c] = UUID.randomUUID().toString();
                writer.add(companyIds[c], "Company", 0, "dev.serviceaccounts.api.company.CompanyCreatedEvent",
                        "{\"companyId\":{\"value\":\"" + companyIds[c] + "\"},\"name\":\"Bench company " + c + "\"}");
            }
            writer.flush();
            createIndexes(writer.events);
            // the indexes AuditEvents ensures at start, created (as the running system does) before any entry: each
            // insert then adds its sortKey to the unique index; built afterwards, mongo-java-server would scan the
            // collection twice per index (the non-unique ones are not stored at all) and grow the store by GBs
            MongoCollection<Document> audit = db.getCollection("audit_events");
            audit.createIndex(new Document("sortKey", 1), new IndexOptions().unique(true));
            audit.createIndex(new Document("companyIds", 1).append("sortKey", 1));
            audit.createIndex(new Document("companyIds", 1).append("actor", 1).append("sortKey", 1));
            audit.createIndex(new Document("companyIds", 1).append("type", 1).append("sortKey", 1));
            audit.createIndex(new Document("aggregateId", 1).append("sortKey", 1));
            store.commit();
            phase("companies and indexes", file, began);
            String[] ids = new String[accounts];
            StringBuilder lines = new StringBuilder();
            for (int a = 0; a < accounts; a++) {
                ids[a] = UUID.randomUUID().toString();
                lines.append(companyIds[a % companies]).append(' ').append(ids[a]).append('\n');
            }
            Files.writeString(accountsFile, lines);
            // the entries' _ids are random event ids, as the projection's; inserted in _id order (the store's key
            // order), so that the documents' map only grows at its end and each page is written about once; the
            // entry that gets the j-th smallest id is a random one (its sort key, time and content follow from it)
            String[] entryIds = new String[total];
            for (int j = 0; j < total; j++) {
                entryIds[j] = UUID.randomUUID().toString();
            }
            java.util.Arrays.sort(entryIds);
            int[] entryOf = new int[total];
            for (int j = 0; j < total; j++) {
                entryOf[j] = j;
            }
            java.util.Random random = new java.util.Random();
            for (int j = total - 1; j > 0; j--) {
                int k = random.nextInt(j + 1);
                int swap = entryOf[j];
                entryOf[j] = entryOf[k];
                entryOf[k] = swap;
            }
            Instant first = start.plusMillis(companies * SPACING_MILLIS);
            List<Document> batch = new ArrayList<>(BATCH);
            for (int j = 0; j < total; j++) {
                int entry = entryOf[j];
                int round = entry / accounts;
                int a = entry % accounts;
                Instant time = first.plusMillis(entry * SPACING_MILLIS);
                String company = companyIds[a % companies];
                String type = payloadType(round);
                batch.add(new Document("_id", entryIds[j]).append("sortKey", entry + 1L)
                        .append("companyIds", List.of(company)).append("time", java.util.Date.from(time))
                        .append("actor", "operator").append("requestId", UUID.randomUUID().toString())
                        .append("type", type.substring(type.lastIndexOf('.') + 1)).append("aggregateType", SA)
                        .append("aggregateId", ids[a])
                        .append("payload", payload(round, ids[a], company, "c" + a + "-" + ids[a].substring(0, 8),
                                null, time).replaceAll("\"hash\":\"[^\"]*\"", "\"hash\":\"[redacted]\""))
                        .append("_class", "dev.serviceaccounts.query.audit.AuditEntry"));
                if (batch.size() == BATCH || j == total - 1) {
                    audit.insertMany(batch, new InsertManyOptions().ordered(true));
                    batch.clear();
                    if ((j + 1) % AUDIT_COMMIT_EVERY == 0 || j == total - 1) {
                        store.commit();
                        phase((j + 1) + " entries (chunks " + store.getFileStore().getChunksFillRate() + " % live)",
                                file, began);
                    }
                }
            }
            System.out.println(total + " " + companies);
        } finally {
            server.shutdownNow();
        }
        toRunJarFormat(dataDir);
        phase("closed", file, began);
    }

    /** Logs the store's file size and the time since {@code began} after a phase of {@code audit}. */
    private static void phase(String done, Path file, long began) throws java.io.IOException {
        System.err.printf(Locale.ROOT, "seeded %s: %.1f s, store %d MiB%n", done, (System.nanoTime() - began) / 1e9,
                Files.size(file) >> 20);
        System.err.flush();
    }

    /** The indexes Axon's {@code ensureIndexes} creates on the event store. */
    private static void createIndexes(MongoCollection<Document> events) {
        events.createIndex(new Document("aggregateIdentifier", 1).append("sequenceNumber", 1),
                new IndexOptions().name("uniqueAggregateIndex").unique(true));
        events.createIndex(new Document("aggregateIdentifier", 1).append("firstSequenceNumber", 1),
                new IndexOptions().name("uniqueAggregateStartIndex").unique(true));
        events.createIndex(new Document("timestamp", 1).append("sequenceNumber", 1),
                new IndexOptions().name("orderedEventStreamIndex"));
    }

    private static String payloadType(int round) {
        return "dev.serviceaccounts.api." + switch (round) {
            case 0 -> "serviceaccount.ServiceAccountCreatedEvent";
            case 1 -> "permission.CompanyPermissionGrantedEvent";
            default -> switch (round % 3) {
                case 0 -> "permission.CompanyPermissionGrantedEvent";
                case 1 -> "serviceaccount.ServiceAccountEditedEvent";
                default -> "serviceaccount.ClientSecretRotatedEvent";
            };
        };
    }

    private static final String[] TOOLS = {"DIRECTORY", "DOCUMENTS", "INSPECTIONS", "PLANROOM", "PERMISSIONS"};
    private static final String[] LEVELS = {"READ_ONLY", "STANDARD", "ADMIN"};

    /** The JSON payload of the account's event of this round, as Jackson writes the event records. */
    private static String payload(int round, String id, String company, String clientId, String secret, Instant at) {
        String ids = "\"serviceAccountId\":{\"value\":\"" + id + "\"},\"companyId\":{\"value\":\"" + company + "\"}";
        if (round == 0) {
            String contact = UUID.randomUUID().toString();
            String email = "sa-" + id.replace("-", "").substring(0, 16) + "@service-accounts.invalid";
            return "{" + ids + ",\"name\":\"bench " + clientId + "\",\"appType\":\"CUSTOM\",\"clientId\":{\"value\":\""
                    + clientId + "\"},\"secret\":" + secret(secret, at) + ",\"contactId\":{\"value\":\"" + contact
                    + "\"},\"contactEmail\":\"" + email + "\",\"createdAt\":\"" + at + "\"}";
        }
        if (round == 1) {
            return "{" + ids + ",\"tool\":\"ADMIN\",\"level\":\"ADMIN\",\"previousLevel\":\"NONE\"}";
        }
        return switch (round % 3) {
            case 0 -> "{" + ids + ",\"tool\":\"" + TOOLS[(round / 3) % TOOLS.length] + "\",\"level\":\""
                    + LEVELS[round % LEVELS.length] + "\",\"previousLevel\":\"NONE\"}";
            case 1 -> "{" + ids + ",\"name\":\"bench " + clientId + " r" + round + "\",\"appType\":\"CUSTOM\"}";
            default -> "{" + ids + ",\"newSecret\":" + secret(null, at) + ",\"previousSecretId\":{\"value\":\""
                    + "s" + (round - 1) + id.substring(0, 8) + "\"},\"previousExpiresAt\":\"" + at.plusSeconds(60) + "\"}";
        };
    }

    private static String secret(String secret, Instant at) {
        String value = secret == null ? UUID.randomUUID().toString() : secret;
        return "{\"secretId\":{\"value\":\"" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                + "\"},\"hash\":\"{sa-sha256}" + sha256(value) + "\",\"createdAt\":\"" + at + "\"}";
    }

    private static String sha256(String secret) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one-event commits in batches, each event {@value #SPACING_MILLIS} ms after the one before. */
    private static final class Writer {
        private final MongoCollection<Document> events;
        private final List<Document> batch = new ArrayList<>(BATCH);
        private Instant time;
        private long count;

        private final MVStore store;
        private final Path file;
        private final long began;

        Writer(MongoCollection<Document> events, Instant start, MVStore store, Path file, long began) {
            this.events = events;
            this.store = store;
            this.time = start;
            this.file = file;
            this.began = began;
        }

        Instant time() {
            return time;
        }

        String add(String aggregate, String type, long sequence, String payloadType, String payload) {
            String id = UUID.randomUUID().toString();
            String at = time.toString();
            String metaData = "{\"actor\":\"operator\",\"traceId\":\"" + id + "\",\"correlationId\":\"" + id
                    + "\",\"requestId\":\"" + id + "\"}";
            Document event = new Document("aggregateIdentifier", aggregate).append("type", type)
                    .append("sequenceNumber", sequence).append("serializedPayload", payload).append("timestamp", at)
                    .append("payloadType", payloadType).append("payloadRevision", null)
                    .append("serializedMetaData", metaData).append("eventIdentifier", id);
            batch.add(new Document("_id", new ObjectId().toHexString()).append("aggregateIdentifier", aggregate).append("sequenceNumber", sequence)
                    .append("eventIdentifier", id).append("lastSequenceNumber", sequence)
                    .append("firstSequenceNumber", sequence).append("timestamp", at).append("firstTimestamp", at)
                    .append("lastTimestamp", at).append("type", type).append("events", List.of(event)));
            count++;
            time = time.plusMillis(SPACING_MILLIS);
            if (batch.size() == BATCH) {
                flush();
                if (count % COMMIT_EVERY == 0) {
                    store.commit();
                    try {
                        phase(count + " events", file, began);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            return id;
        }

        void flush() {
            if (!batch.isEmpty()) {
                events.insertMany(batch, new InsertManyOptions().ordered(true));
                batch.clear();
            }
        }
    }

    /**
     * Polls until every stored processor's token holds the last event and the probe account gets a token, or
     * until {@code budgetSeconds} after the first stored token (the start is allowed {@link #START_ALLOWANCE}). Prints {@code <caughtUp 1|0> <events> <seconds> <processors>}: when caught
     * up, all events and the seconds from the first stored token to then; otherwise the events the slowest
     * stored processor has passed (from its token's timestamp: events are {@value #SPACING_MILLIS} ms apart) and
     * the seconds from the first stored token to the end of the budget.
     */
    private static void await(int port, int budgetSeconds, String tokenUrl, String probeSecret, long total)
            throws Exception {
        long deadline = System.nanoTime() + START_ALLOWANCE.toNanos() + TimeUnit.SECONDS.toNanos(budgetSeconds);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString(("bench-probe:" + probeSecret).getBytes(StandardCharsets.UTF_8));
        long firstToken = -1;
        int processors = 0;
        boolean tokensDone = false;
        long passed = 0;
        long lastProgress = 0;
        boolean firstBatch = false;
        long passedByAll = 0;
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.hosts(List.of(new ServerAddress("127.0.0.1", port)))
                        .serverSelectionTimeout(START_ALLOWANCE.toSeconds(), TimeUnit.SECONDS))
                .build())) {
            MongoDatabase db = client.getDatabase(DATABASE);
            String last = null;
            Instant first = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (last == null) {
                        MongoCollection<Document> events = db.getCollection("domainevents");
                        first = Instant.parse(events.find().sort(new Document("timestamp", 1)).limit(1).first()
                                .getString("timestamp"));
                        last = events.find().sort(new Document("timestamp", -1)).limit(1).first()
                                .getString("eventIdentifier");
                    }
                    if (!tokensDone) {
                        List<Document> tokens = db.getCollection("trackingtokens").find().into(new ArrayList<>());
                        if (!tokens.isEmpty() && firstToken < 0) {
                            firstToken = System.nanoTime();
                            deadline = firstToken + TimeUnit.SECONDS.toNanos(budgetSeconds);
                            System.out.println("first-token " + System.currentTimeMillis());
                        }
                        processors = tokens.size();
                        boolean all = !tokens.isEmpty();
                        long slowest = Long.MAX_VALUE;
                        long sum = 0;
                        StringBuilder each = new StringBuilder();
                        for (Document token : tokens) {
                            String json = current(token.get("token") instanceof Binary binary
                                    ? new String(binary.getData(), StandardCharsets.UTF_8) : "");
                            all &= json.contains(last);
                            long position = position(json, first);
                            slowest = Math.min(slowest, position);
                            sum += position;
                            each.append(' ').append(token.getString("processorName")).append('=').append(position);
                        }
                        passed = tokens.isEmpty() ? 0 : slowest;
                        passedByAll = sum;
                        if (!firstBatch && firstToken >= 0 && passed > 1) {
                            firstBatch = true;
                            System.out.printf(Locale.ROOT, "first-batch %.2f %d %d%n",
                                    (System.nanoTime() - firstToken) / 1e9, passed, passedByAll);
                        }
                        tokensDone = all;
                        if (firstToken >= 0 && System.currentTimeMillis() - lastProgress >= 5000) {
                            lastProgress = System.currentTimeMillis();
                            System.err.printf(Locale.ROOT,
                                    "progress %.0f s: slowest stored processor %d events, all stored processors %d:%s%n",
                                    (System.nanoTime() - firstToken) / 1e9, passed, passedByAll, each);
                        }
                    }
                    if (tokensDone) {
                        java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest
                                        .newBuilder(java.net.URI.create(tokenUrl))
                                        .header("Authorization", "Basic " + basic)
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials")).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            System.out.println("end " + System.currentTimeMillis());
                            System.out.println("deliveries " + total * processors);
                            System.out.printf(Locale.ROOT, "1 %d %.2f %d%n", total,
                                    (System.nanoTime() - firstToken) / 1e9, processors + 1);
                            return;
                        }
                        Thread.sleep(400);
                    }
                } catch (RuntimeException | java.io.IOException e) {
                    // the server or the port is not up yet
                }
                Thread.sleep(100);
            }
        }
        System.out.println("end " + System.currentTimeMillis());
        System.out.println("deliveries " + passedByAll);
        System.out.printf(Locale.ROOT, "0 %d %.2f %d%n", passed,
                firstToken < 0 ? 0 : (System.nanoTime() - firstToken) / 1e9, processors);
    }

    /**
     * The position part of a stored token: a processor's first token is a replay token whose {@code tokenAtReset}
     * is the head at its start (holding the last events), so only its {@code currentToken} says how far it got.
     */
    private static String current(String tokenJson) {
        int current = tokenJson.indexOf("\"currentToken\"");
        return !tokenJson.contains("\"tokenAtReset\"") ? tokenJson : current < 0 ? "" : tokenJson.substring(current);
    }

    /** Events before the token's position (its lowest timestamp); 0 for none. */
    private static long position(String tokenJson, Instant first) {
        java.util.regex.Matcher timestamps = java.util.regex.Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(tokenJson);
        Instant lowest = null;
        while (timestamps.find()) {
            Instant at = Instant.parse(timestamps.group(1));
            lowest = lowest == null || at.isBefore(lowest) ? at : lowest;
        }
        return lowest == null ? 0 : Math.max(0, Duration.between(first, lowest).toMillis() / SPACING_MILLIS + 1);
    }

    /** Opens the store as the run jar does (and closes it): that brings it to the run jar's format (D53). */
    private static void toRunJarFormat(Path dataDir) {
        dev.serviceaccounts.standalone.EmbeddedMongo.start(dataDir, 0).close();
    }
}
