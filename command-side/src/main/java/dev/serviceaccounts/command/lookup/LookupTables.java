package dev.serviceaccounts.command.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which collections hold the command side's lookup tables now (docs/decisions.md D47): the {@code
 * lookup_table_generations} document {@code {_id: "lookup-tables", live, building, readFromBuilding, ...}} names
 * a suffix per generation ({@code ""} for the first: {@code client_id_registry}; {@code "_r<millis>"} for a
 * rebuilt one). Each instance reads it again at most every {@link #REFRESH}, so a change made on one command side
 * reaches every other within that time; a rebuild waits longer than that after each change.
 *
 * <p>While a rebuild runs ({@code building} set), every write goes to both generations, the live one first, and
 * must be accepted by both ({@link Generation#writes}); reads go to the live one until the rebuilt one has every
 * entry, then to the rebuilt one ({@code readFromBuilding}).
 */
@Component
public class LookupTables {

    /** How long an instance uses the generation it read before reading the document again. */
    public static final Duration REFRESH = Duration.ofSeconds(1);
    static final String COLLECTION = "lookup_table_generations";
    static final String ID = "lookup-tables";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AtomicReference<Read> current = new AtomicReference<>();

    public LookupTables(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** @return the generations the next read or write uses */
    public Generation current() {
        Instant now = clock.instant();
        Read known = current.get();
        if (known != null && known.readAt().plus(REFRESH).isAfter(now)) {
            return known.generation();
        }
        Generation stored = Generation.of(mongo.findById(ID, Document.class, COLLECTION));
        current.set(new Read(stored, now));
        return stored;
    }

    /** Uses {@code generation} on this instance from now on (the rebuild has just stored it). */
    void use(Generation generation) {
        current.set(new Read(generation, clock.instant()));
    }

    /**
     * The lookup tables' collections at one moment.
     *
     * @param live             the suffix of the generation commands decide on ({@code ""}: the first)
     * @param building         the suffix of the generation being rebuilt; null when none is
     * @param readFromBuilding whether reads go to {@code building} already (it holds every entry)
     */
    public record Generation(String live, String building, boolean readFromBuilding) {

        static Generation of(Document stored) {
            return stored == null ? new Generation("", null, false) : new Generation(
                    stored.getString("live"), stored.getString("building"),
                    Boolean.TRUE.equals(stored.getBoolean("readFromBuilding")));
        }

        /** @return the collection of table {@code table} (its first name, e.g. {@code client_id_registry}) to read */
        public String reads(String table) {
            return table + (building != null && readFromBuilding ? building : live);
        }

        /**
         * @return the collections of table {@code table} that every write goes to, in order: the live one, then the
         *         one being rebuilt; a claim holds only when each accepted it
         */
        public List<String> writes(String table) {
            return building == null ? List.of(table + live) : List.of(table + live, table + building);
        }
    }

    private record Read(Generation generation, Instant readAt) {
    }
}
