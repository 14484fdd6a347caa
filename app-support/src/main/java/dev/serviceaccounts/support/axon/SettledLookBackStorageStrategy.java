package dev.serviceaccounts.support.axon;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.nin;
import static org.axonframework.common.DateTimeUtils.formatInstant;
import static org.axonframework.common.DateTimeUtils.parseInstant;

import com.mongodb.BasicDBObject;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.CommitEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.SerializedObject;
import org.bson.Document;

/**
 * One document per commit ({@link DocumentPerCommitStorageStrategy}), with a tracking read that looks back for late
 * commits only where one can still land (docs/decisions.md D37, D50). The extension's read looks back
 * {@code lookBack} before the newest event read, and its {@link MongoTrackingToken} holds the id of every event
 * within that window, copied for every event read: reading a store whose events lie closer together than the window
 * (a rebuild from the first event) costs each event a copy of thousands of ids and each read the window's documents
 * again, however old they are.
 *
 * <p>A commit lands within {@code lookBack} of its timestamp (D37); allowing as much again for the writers' clocks,
 * every commit stamped more than twice {@code lookBack} before a read began is visible to that read. The read returns
 * commits in timestamp order, so once it has passed such a commit, every commit stamped before it has been read. The
 * token then says so: an entry {@value #DELIVERED_BEFORE}{@code <millis>} (no event id starts so; its value is the
 * same epoch milliseconds) means every commit stamped before that instant has been read, and the token keeps only the
 * ids at or after it. The next read starts there, or at {@code lookBack} before the newest event when that is later,
 * and never reads a commit again. Near the head, where the entry stays below that window, the token and the read are
 * the extension's. The token is still a {@link MongoTrackingToken} (stored tokens of either kind are read alike; a
 * build without this class reads the entry as one more known id and looks back the whole window: events delivered
 * again, which every projection tolerates, D37).
 */
public class SettledLookBackStorageStrategy extends DocumentPerCommitStorageStrategy {

    /** Key prefix of the token entry saying before which instant (its value, epoch millis) every commit was read. */
    public static final String DELIVERED_BEFORE = "delivered-before:";

    private final Duration lookBack;
    private final Clock clock;

    /**
     * @param lookBack how long after its timestamp a commit may become visible (D37)
     * @param clock    the reader's clock, in the time base of the events' timestamps (Axon stamps them with the
     *                 system's: not an app's settable clock)
     */
    public SettledLookBackStorageStrategy(Duration lookBack, Clock clock) {
        super(EventEntryConfiguration.getDefault(), CommitEntryConfiguration.getDefault(), lookBack);
        this.lookBack = lookBack;
        this.clock = clock;
    }

    @Override
    public List<? extends TrackedEventData<?>> findTrackedEvents(MongoCollection<Document> eventCollection,
                                                                 TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof MongoTrackingToken)) {
            throw new IllegalArgumentException("Token " + lastToken + " is of the wrong type");
        }
        MongoTrackingToken token = (MongoTrackingToken) lastToken;
        long settled = clock.millis() - 2 * lookBack.toMillis();
        EventEntryConfiguration fields = eventConfiguration();
        FindIterable<Document> cursor = token == null ? eventCollection.find()
                : eventCollection.find(and(gte(fields.timestampProperty(), formatInstant(readFrom(token))),
                        nin(fields.eventIdentifierProperty(), token.getKnownEventIds())));
        cursor = cursor.sort(new BasicDBObject(fields.timestampProperty(), ORDER_ASC)
                        .append(fields.sequenceNumberProperty(), ORDER_ASC))
                .batchSize(batchSize);
        List<TrackedEventData<?>> results = new ArrayList<>();
        try (MongoCursor<Document> commits = cursor.iterator()) {
            while (results.size() < batchSize && commits.hasNext()) {
                Document commit = commits.next();
                long stamped = parseInstant(commit.getString(fields.timestampProperty())).toEpochMilli();
                Iterator<? extends DomainEventData<?>> events = extractEvents(commit).iterator();
                while (events.hasNext()) {
                    DomainEventData<?> event = events.next();
                    if (token == null || !token.getKnownEventIds().contains(event.getEventIdentifier())) {
                        token = advance(token, event.getEventIdentifier(), event.getTimestamp(),
                                Math.min(stamped, settled), lookBack);
                        results.add(tracked(event, token));
                    }
                }
            }
        }
        return results;
    }

    /** @return where a read after {@code token} starts: its look-back window, or later where all was read */
    Instant readFrom(MongoTrackingToken token) {
        return Instant.ofEpochMilli(Math.max(token.getTimestamp().toEpochMilli() - lookBack.toMillis(),
                deliveredBefore(token)));
    }

    /**
     * @param token       the position before the event (null: none)
     * @param eventId     the event's identifier
     * @param timestamp   the event's timestamp
     * @param readBefore  every commit stamped before this instant (epoch millis) has been read
     * @param lookBack    the look-back window
     * @return the position after the event: the newest timestamp, the ids at or after the later of the window's
     *         start and what was read, and that instant as a {@value #DELIVERED_BEFORE} entry when it is the later
     */
    static MongoTrackingToken advance(MongoTrackingToken token, String eventId, Instant timestamp, long readBefore,
                                      Duration lookBack) {
        long at = timestamp.toEpochMilli();
        long newest = token == null ? at : Math.max(token.getTimestamp().toEpochMilli(), at);
        long delivered = Math.max(token == null ? Long.MIN_VALUE : deliveredBefore(token), readBefore);
        long window = newest - lookBack.toMillis();
        long keepFrom = Math.max(delivered, window);
        Map<String, Long> known = new LinkedHashMap<>();
        if (token != null) {
            token.getTrackedEvents().forEach((id, stamped) -> {
                if (!id.startsWith(DELIVERED_BEFORE) && stamped >= keepFrom) {
                    known.put(id, stamped);
                }
            });
        }
        known.put(eventId, at);
        if (delivered > window) {
            known.put(DELIVERED_BEFORE + delivered, delivered);
        }
        return MongoTrackingToken.of(Instant.ofEpochMilli(newest), known);
    }

    /** @return the earliest {@value #DELIVERED_BEFORE} instant of the token, {@link Long#MIN_VALUE} when it has none */
    static long deliveredBefore(MongoTrackingToken token) {
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<String, Long> entry : token.getTrackedEvents().entrySet()) {
            if (entry.getKey().startsWith(DELIVERED_BEFORE)) {
                earliest = Math.min(earliest, entry.getValue());
            }
        }
        return earliest == Long.MAX_VALUE ? Long.MIN_VALUE : earliest;
    }

    private static <T> TrackedEventData<T> tracked(DomainEventData<T> event, TrackingToken token) {
        return new TrackedCommitEvent<>(event, token);
    }

    /** A stored event with the position after it, for the tracking processors. */
    private record TrackedCommitEvent<T>(DomainEventData<T> event, TrackingToken trackingToken)
            implements DomainEventData<T>, TrackedEventData<T> {

        @Override
        public String getType() {
            return event.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return event.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }

        @Override
        public String getEventIdentifier() {
            return event.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return event.getTimestamp();
        }

        @Override
        public SerializedObject<T> getMetaData() {
            return event.getMetaData();
        }

        @Override
        public SerializedObject<T> getPayload() {
            return event.getPayload();
        }
    }
}
