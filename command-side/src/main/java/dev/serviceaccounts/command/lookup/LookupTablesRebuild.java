package dev.serviceaccounts.command.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the command side's lookup tables from the events beside the live ones (docs/decisions.md D47), in
 * steps that each wait {@link #SETTLE} (longer than {@link LookupTables#REFRESH}) for every command side to follow:
 * <ol>
 * <li>{@code building} is set in the generations document: from then on every write goes to both generations and
 *     holds only when both accepted it, so the live tables keep deciding every claim as before;</li>
 * <li>the whole event stream is read once, each {@link LookupTableRebuild} writing what the events imply into the
 *     new tables, then what needs the whole history (each contact's current state), each entry only where free;</li>
 * <li>the live entries a command may still be acting on (claimed before both generations were written, its events
 *     maybe not read) are copied across, where free;</li>
 * <li>reads switch to the new tables ({@code readFromBuilding}); then they become the live ones, writes go there
 *     alone, and the old collections are dropped.</li>
 * </ol>
 * At no moment does a write reach only a table that does not decide: a claim refused by either generation is
 * refused. One rebuild at a time across command sides (a conditional update of the document); its progress lives
 * in that document, so every command side answers it. A rebuild whose document has not moved for
 * {@link #ABANDONED_AFTER} (its instance stopped) may be started again.
 */
@Component
public class LookupTablesRebuild implements DisposableBean {

    /** How long a step waits for every command side to read the generations it stored. */
    static final Duration SETTLE = LookupTables.REFRESH.multipliedBy(2).plusMillis(500);
    /** How long a running rebuild's document may stand still before another start takes over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    /** How long the replay waits for the next event before the newest stored one. */
    static final Duration STALLED_AFTER = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(LookupTablesRebuild.class);

    private final List<LookupTableRebuild> parts;
    private final LookupTables tables;
    private final EventStore eventStore;
    private final org.axonframework.extensions.mongo.MongoTemplate axonMongo;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lookup-tables-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public LookupTablesRebuild(List<LookupTableRebuild> parts, LookupTables tables, EventStore eventStore,
                               org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                               MongoTemplate mongo, Clock clock) {
        this.parts = parts;
        this.tables = tables;
        this.eventStore = eventStore;
        this.axonMongo = axonMongoTemplate;
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Starts a rebuild unless one runs (on any command side).
     *
     * @return the rebuild's status, running
     */
    public synchronized Status start() {
        Status known = status();
        if (known.state().running() && known.updatedAt() != null
                && known.updatedAt().plus(ABANDONED_AFTER).isAfter(clock.instant())) {
            return known;
        }
        String from = known.live();
        String into = "_r" + clock.millis();
        tableNames().forEach(table -> mongo.dropCollection(table + into));
        Instant now = clock.instant();
        Query unchanged = Query.query(Criteria.where("_id").is(LookupTables.ID).and("building").is(known.building()));
        Update begin = Update.update("live", from).set("building", into).set("readFromBuilding", false)
                .set("state", State.WAITING_FOR_WRITERS.name()).set("from", from).set("into", into)
                .set("startedAt", Date.from(now)).set("updatedAt", Date.from(now)).unset("endedAt")
                .set("eventsReplayed", 0L).set("entriesCopied", 0L);
        try {
            mongo.upsert(unchanged, begin, LookupTables.COLLECTION);
        } catch (DuplicateKeyException startedElsewhere) {
            return status();
        }
        Status started = status();
        if (!into.equals(started.into())) {
            return started;
        }
        if (known.building() != null) {
            tableNames().forEach(table -> mongo.dropCollection(table + known.building()));
        }
        tables.use(new LookupTables.Generation(from, into, false));
        executor.execute(() -> run(from, into));
        log.info("Rebuilding the lookup tables into generation {} beside {}", into, from.isEmpty() ? "the first" : from);
        return started;
    }

    /** @return the latest rebuild, as the generations document holds it ({@code NONE} when there was none) */
    public Status status() {
        Document stored = mongo.findById(LookupTables.ID, Document.class, LookupTables.COLLECTION);
        if (stored == null || stored.getString("state") == null) {
            return new Status(State.NONE, stored == null ? "" : stored.getString("live"), null, null, null, null,
                    null, null, 0, 0, tableNames());
        }
        return new Status(State.valueOf(stored.getString("state")), stored.getString("live"),
                stored.getString("building"), stored.getString("from"), stored.getString("into"),
                instant(stored, "startedAt"), instant(stored, "updatedAt"), instant(stored, "endedAt"),
                number(stored, "eventsReplayed"), number(stored, "entriesCopied"), tableNames());
    }

    private void run(String from, String into) {
        UnaryOperator<String> rebuilt = table -> table + into;
        try {
            Thread.sleep(SETTLE.toMillis());
            Instant bothSince = clock.instant();
            progress(into, Update.update("state", State.REPLAYING.name()));
            long events = replay(into, rebuilt);
            parts.forEach(part -> part.finish(rebuilt));
            progress(into, Update.update("state", State.COPYING.name()).set("eventsReplayed", events));
            long copied = 0;
            for (LookupTableRebuild part : parts) {
                for (String table : part.tables()) {
                    copied += copy(table + from, table + into, part.inFlight(table, bothSince));
                }
            }
            progress(into, Update.update("state", State.SWITCHING.name()).set("entriesCopied", copied)
                    .set("readFromBuilding", true));
            tables.use(new LookupTables.Generation(from, into, true));
            Thread.sleep(SETTLE.toMillis());
            progress(into, Update.update("state", State.SWITCHED.name()).set("live", into).unset("building")
                    .set("readFromBuilding", false).set("endedAt", Date.from(clock.instant())));
            tables.use(new LookupTables.Generation(into, null, false));
            Thread.sleep(SETTLE.toMillis());
            tableNames().forEach(table -> mongo.dropCollection(table + from));
            log.info("The lookup tables live in generation {}: {} events replayed, {} live entries copied", into,
                    events, copied);
        } catch (Superseded e) {
            log.warn("The rebuild of the lookup tables into generation {} was taken over by another; it stops", into);
            tableNames().forEach(table -> mongo.dropCollection(table + into));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(from, into, e);
        } catch (RuntimeException e) {
            fail(from, into, e);
        }
    }

    /**
     * Reads every stored event once: at least up to the newest stored when the read began (a slow fetch is waited
     * for, up to {@link #STALLED_AFTER}), then on while events come, up to the first stamped after the read began.
     *
     * @return how many events it read
     * @throws IllegalStateException when no event came for {@link #STALLED_AFTER} before the newest was reached
     */
    private long replay(String into, UnaryOperator<String> rebuilt) throws InterruptedException {
        Instant until = clock.instant();
        Instant head = newestStored();
        Instant reported = until;
        Instant lastEventAt = until;
        long events = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (true) {
                if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    if (head == null) {
                        break;
                    }
                    if (clock.instant().isAfter(lastEventAt.plus(STALLED_AFTER))) {
                        throw new IllegalStateException("The event stream stalled before its head " + head);
                    }
                    continue;
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                lastEventAt = clock.instant();
                if (head != null && !event.getTimestamp().isBefore(head)) {
                    head = null;
                }
                parts.forEach(part -> part.replay(event, rebuilt));
                events++;
                if (clock.instant().isAfter(reported.plus(PROGRESS_EVERY))) {
                    reported = clock.instant();
                    progress(into, Update.update("eventsReplayed", events));
                }
                if (event.getTimestamp().isAfter(until)) {
                    break;
                }
            }
        }
        return events;
    }

    /**
     * @return the timestamp of the newest event stored (a commit's {@code lastTimestamp}, docs/design.md §9), null
     *         when none is
     */
    private Instant newestStored() {
        Document newest = axonMongo.eventCollection().find().projection(new Document("lastTimestamp", 1))
                .sort(new Document("lastTimestamp", -1)).limit(1).first();
        return newest == null || newest.getString("lastTimestamp") == null ? null
                : DateTimeUtils.parseInstant(newest.getString("lastTimestamp"));
    }

    /** Copies the documents of {@code from} that {@code filter} selects into {@code into}, where free; @return how many */
    private long copy(String from, String into, Document filter) {
        long copied = 0;
        for (Document entry : mongo.find(new BasicQuery(filter), Document.class, from)) {
            try {
                mongo.insert(entry, into);
                copied++;
            } catch (DuplicateKeyException taken) {
                // the replay's entry, or a command's made in both generations: kept
            }
        }
        return copied;
    }

    /**
     * Stores the rebuild's progress, if it is still the one the document names.
     *
     * @throws Superseded when another start took it over (this one had stood still too long): it must touch
     *                    nothing but its own new collections from then on
     */
    private void progress(String into, Update update) {
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(LookupTables.ID).and("into").is(into)),
                update.set("updatedAt", Date.from(clock.instant())), LookupTables.COLLECTION).getMatchedCount() == 0) {
            throw new Superseded();
        }
    }

    /** Back to the live generation alone: the rebuilt one is dropped, never read again. */
    private void fail(String from, String into, Exception cause) {
        log.warn("The rebuild of the lookup tables into generation {} failed", into, cause);
        try {
            progress(into, Update.update("state", State.FAILED.name()).set("live", from).unset("building")
                    .set("readFromBuilding", false).set("endedAt", Date.from(clock.instant())));
            tables.use(new LookupTables.Generation(from, null, false));
        } catch (Superseded e) {
            log.warn("The failed rebuild into generation {} had been taken over by another", into);
        }
        tableNames().forEach(table -> mongo.dropCollection(table + into));
    }

    /** Another start has taken the rebuild over. */
    private static final class Superseded extends RuntimeException {

        Superseded() {
            super(null, null, false, false);
        }
    }

    private List<String> tableNames() {
        return parts.stream().flatMap(part -> part.tables().stream()).sorted().toList();
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static long number(Document stored, String field) {
        Object value = stored.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Where a rebuild is. */
    public enum State {
        NONE, WAITING_FOR_WRITERS, REPLAYING, COPYING, SWITCHING, SWITCHED, FAILED;

        /** @return whether a rebuild in this state is under way */
        public boolean running() {
            return this == WAITING_FOR_WRITERS || this == REPLAYING || this == COPYING || this == SWITCHING;
        }
    }

    /**
     * @param state          where the latest rebuild is
     * @param live           the suffix of the live generation ({@code ""}: the first collections)
     * @param building       the suffix being rebuilt (null when none)
     * @param from           the generation the latest rebuild began beside
     * @param into           the generation it builds, live once {@code SWITCHED}
     * @param startedAt      when it began
     * @param updatedAt      when it last reported progress
     * @param endedAt        when it switched or failed
     * @param eventsReplayed the events read so far
     * @param entriesCopied  the live entries copied across after the replay
     * @param tables         the tables it rebuilds, by their first names
     */
    public record Status(State state, String live, String building, String from, String into, Instant startedAt,
                         Instant updatedAt, Instant endedAt, long eventsReplayed, long entriesCopied,
                         List<String> tables) {
    }
}
