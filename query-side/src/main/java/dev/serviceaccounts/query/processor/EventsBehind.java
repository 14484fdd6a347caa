package dev.serviceaccounts.query.processor;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts the events in the Mongo event store (one document per commit, docs/design.md §9) stamped after a
 * tracking position. Bounded: it reads the event timestamps of at most {@link #SCAN_LIMIT} commits after the
 * position, since the embedded MongoDB answers a range query by a scan (docs/decisions.md D39).
 */
@Component
public class EventsBehind {

    /** The most commits read for one count, by default. */
    static final int SCAN_LIMIT = 10_000;

    private final MongoTemplate axonMongo;
    private final int scanLimit;

    @Autowired
    public EventsBehind(MongoTemplate axonMongoTemplate) {
        this(axonMongoTemplate, SCAN_LIMIT);
    }

    EventsBehind(MongoTemplate axonMongoTemplate, int scanLimit) {
        this.axonMongo = axonMongoTemplate;
        this.scanLimit = scanLimit;
    }

    /**
     * @param position the newest event timestamp a processor has passed (null: none, so every event is behind)
     * @return the events stamped after it; {@code atLeast} when the scan stopped at its limit
     */
    public Count after(Instant position) {
        String after = position == null ? "" : DateTimeUtils.formatInstant(position);
        long count = 0;
        int commits = 0;
        for (Document commit : axonMongo.eventCollection().find(Filters.gt("lastTimestamp", after))
                .projection(Projections.include("events.timestamp"))
                .limit(scanLimit + 1)) {
            if (++commits > scanLimit) {
                return new Count(count, true);
            }
            for (Document event : commit.getList("events", Document.class, List.of())) {
                String stamp = event.getString("timestamp");
                if (stamp != null && stamp.compareTo(after) > 0) {
                    count++;
                }
            }
        }
        return new Count(count, false);
    }

    /**
     * @param events  the events counted
     * @param atLeast whether the count stopped at the scan limit (there are more)
     */
    public record Count(long events, boolean atLeast) {
    }
}
