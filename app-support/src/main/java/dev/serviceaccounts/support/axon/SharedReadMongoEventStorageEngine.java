package dev.serviceaccounts.support.axon;

import java.time.Duration;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;

/**
 * The extension's Mongo event storage engine whose tracked reads are shared between the streams that ask for the same
 * position ({@link SharedTrackedReads}, docs/decisions.md D60): the query side's tracking processors and the event
 * store's head cache read, decode and deserialise each commit once between them instead of once each. Everything else
 * (appends, aggregate reads, snapshots, tokens) is the extension's.
 */
public class SharedReadMongoEventStorageEngine extends MongoEventStorageEngine {

    private final SharedTrackedReads reads;

    /**
     * @param builder    the extension's builder, configured
     * @param keptEvents how many decoded events to keep at most for readers that follow (0: reads only joined)
     * @param keptFor    how long a read batch is kept at most
     */
    public SharedReadMongoEventStorageEngine(MongoEventStorageEngine.Builder builder, int keptEvents,
                                             Duration keptFor) {
        super(builder);
        this.reads = new SharedTrackedReads(token -> EventUtils.upcastAndDeserializeTrackedEvents(
                fetchTrackedEvents(token, batchSize()).stream(), getEventSerializer(), upcasterChain).toList(),
                keptEvents, keptFor, System::nanoTime);
    }

    /** The events after {@code trackingToken}, from a shared read; never blocks (as the extension's). */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return reads.readFrom(trackingToken);
    }
}
