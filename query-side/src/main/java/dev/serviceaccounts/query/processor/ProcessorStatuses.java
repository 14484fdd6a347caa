package dev.serviceaccounts.query.processor;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * The state of this query side's tracking event processors, for {@code GET /api/v1/admin/processors}
 * (docs/decisions.md D39). A segment this instance processes is read from Axon's live status; a segment claimed
 * elsewhere (or by nobody) from its stored token in the token store's collection, read without claiming it.
 * "Events behind" counts the events stored after a segment's position, bounded ({@link EventsBehind}).
 */
@Component
public class ProcessorStatuses {

    private final EventProcessingConfiguration processing;
    private final MongoTemplate axonMongo;
    private final Serializer serializer;
    private final EventsBehind eventsBehind;

    public ProcessorStatuses(EventProcessingConfiguration processing, MongoTemplate axonMongoTemplate,
                             Serializer serializer, EventsBehind eventsBehind) {
        this.processing = processing;
        this.axonMongo = axonMongoTemplate;
        this.serializer = serializer;
        this.eventsBehind = eventsBehind;
    }

    /** @return every tracking processor of this instance, by name */
    public List<ProcessorStatus> all() {
        return processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .sorted(Comparator.comparing(TrackingEventProcessor::getName))
                .map(this::status)
                .toList();
    }

    /** @return the processor named {@code name}, if this instance runs such a tracking processor */
    public Optional<ProcessorStatus> named(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class).map(this::status);
    }

    private ProcessorStatus status(TrackingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> live = processor.processingStatus();
        Map<Integer, SegmentStatus> segments = new TreeMap<>();
        for (Document stored : axonMongo.trackingTokensCollection()
                .find(Filters.eq("processorName", processor.getName()))) {
            int segment = stored.getInteger("segment");
            if (!live.containsKey(segment)) {
                TrackingToken token = token(stored);
                segments.put(segment, segment(segment, false, stored.getString("owner"), token,
                        ReplayToken.isReplay(token), false));
            }
        }
        live.forEach((segment, status) -> segments.put(segment, segment(segment, true, null,
                status.getTrackingToken(), status.isReplaying(), status.isCaughtUp())));
        return new ProcessorStatus(processor.getName(), processor.isRunning(), processor.isReplaying(),
                new ArrayList<>(segments.values()));
    }

    private SegmentStatus segment(int id, boolean claimedHere, String owner, TrackingToken token, boolean replaying,
                                  boolean caughtUp) {
        Instant position = position(token);
        EventsBehind.Count behind = eventsBehind.after(position);
        return new SegmentStatus(id, claimedHere, owner, position, behind.events(), behind.atLeast(), replaying,
                caughtUp);
    }

    /** @return the newest event timestamp the token has passed; null before the first event */
    static Instant position(TrackingToken token) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        return current instanceof MongoTrackingToken mongo ? mongo.getTimestamp() : null;
    }

    private TrackingToken token(Document stored) {
        Binary data = stored.get("token", Binary.class);
        String type = stored.getString("tokenType");
        if (data == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, type, null));
    }

    /**
     * @param name      the processing group, e.g. {@code service-accounts-view}
     * @param running   whether this instance's processor runs
     * @param replaying whether any segment it processes here is replaying (Axon's {@code isReplaying()})
     * @param segments  every segment of the processor known to the token store or processed here, by id
     */
    public record ProcessorStatus(String name, boolean running, boolean replaying, List<SegmentStatus> segments) {
    }

    /**
     * @param id                 the segment id
     * @param claimedHere        whether this instance processes the segment now
     * @param owner              the node that claims it, for a segment claimed elsewhere (null: here, or unclaimed)
     * @param position           the newest event timestamp the segment has passed (null: none yet)
     * @param eventsBehind       events in the store stamped after the position
     * @param eventsBehindAtLeast whether the count stopped at the scan limit (the real number is larger)
     * @param replaying          whether the segment is replaying
     * @param caughtUp           whether the segment has reached the head of the stream (false when not processed here)
     */
    public record SegmentStatus(int id, boolean claimedHere, String owner, Instant position, long eventsBehind,
                                boolean eventsBehindAtLeast, boolean replaying, boolean caughtUp) {
    }
}
