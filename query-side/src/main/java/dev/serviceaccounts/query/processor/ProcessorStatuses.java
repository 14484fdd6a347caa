package dev.serviceaccounts.query.processor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.springframework.stereotype.Component;

/**
 * The state of this query side's tracking event processors, for {@code GET /api/v1/admin/processors}
 * (docs/decisions.md D39). A segment this instance processes is read from Axon's live status; a segment claimed
 * elsewhere (or by nobody) from its stored token ({@link ProcessorPositions}). "Events behind" counts the events
 * stored after a segment's position, bounded ({@link EventsBehind}). A view being rebuilt shows its rebuild.
 */
@Component
public class ProcessorStatuses {

    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final EventsBehind eventsBehind;
    private final ViewRebuilds rebuilds;

    public ProcessorStatuses(EventProcessingConfiguration processing, ProcessorPositions positions,
                             EventsBehind eventsBehind, ViewRebuilds rebuilds) {
        this.processing = processing;
        this.positions = positions;
        this.eventsBehind = eventsBehind;
        this.rebuilds = rebuilds;
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
        positions.stored(processor.getName()).forEach((segment, stored) -> {
            if (!live.containsKey(segment)) {
                segments.put(segment, segment(segment, false, stored.owner(), stored.token(),
                        ReplayToken.isReplay(stored.token()), false));
            }
        });
        live.forEach((segment, status) -> segments.put(segment, segment(segment, true, null,
                status.getTrackingToken(), status.isReplaying(), status.isCaughtUp())));
        RebuildStatus rebuild = rebuilds.of(processor.getName()).map(this::rebuild).orElse(null);
        return new ProcessorStatus(processor.getName(), processor.isRunning(), processor.isReplaying(),
                new ArrayList<>(segments.values()), rebuild);
    }

    private SegmentStatus segment(int id, boolean claimedHere, String owner, TrackingToken token, boolean replaying,
                                  boolean caughtUp) {
        Instant position = position(token);
        EventsBehind.Count behind = eventsBehind.after(position);
        return new SegmentStatus(id, claimedHere, owner, position, behind.events(), behind.atLeast(), replaying,
                caughtUp);
    }

    private RebuildStatus rebuild(ViewRebuilds.Rebuild rebuild) {
        Instant position = null;
        Long behind = null;
        if (rebuild.state() == ViewRebuilds.State.REBUILDING) {
            position = rebuild.shadow().processingStatus().values().stream()
                    .map(status -> position(status.getTrackingToken()))
                    .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
            behind = eventsBehind.after(position).events();
        }
        return new RebuildStatus(rebuild.from(), rebuild.into(), rebuild.state(), rebuild.startedAt(),
                rebuild.endedAt(), position, behind);
    }

    /** @return the newest event timestamp the token has passed; null before the first event */
    static Instant position(TrackingToken token) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        return current instanceof MongoTrackingToken mongo ? mongo.getTimestamp() : null;
    }

    /**
     * @param name      the processing group, e.g. {@code service-accounts-view}
     * @param running   whether this instance's processor runs
     * @param replaying whether any segment it processes here is replaying (Axon's {@code isReplaying()})
     * @param segments  every segment of the processor known to the token store or processed here, by id
     * @param rebuild   the latest rebuild of its view on this instance (null: none)
     */
    public record ProcessorStatus(String name, boolean running, boolean replaying, List<SegmentStatus> segments,
                                  RebuildStatus rebuild) {
    }

    /**
     * @param id                  the segment id
     * @param claimedHere         whether this instance processes the segment now
     * @param owner               the node that claims it, for a segment claimed elsewhere (null: here, or unclaimed)
     * @param position            the newest event timestamp the segment has passed (null: none yet)
     * @param eventsBehind        events in the store stamped after the position
     * @param eventsBehindAtLeast whether the count stopped at the scan limit (the real number is larger)
     * @param replaying           whether the segment is replaying
     * @param caughtUp            whether the segment has reached the head (false when not processed here)
     */
    public record SegmentStatus(int id, boolean claimedHere, String owner, Instant position, long eventsBehind,
                                boolean eventsBehindAtLeast, boolean replaying, boolean caughtUp) {
    }

    /**
     * @param from         the collection read while rebuilding, dropped after the switch
     * @param into         the collection being built, read after the switch
     * @param state        REBUILDING, SWITCHED or FAILED
     * @param startedAt    when it began
     * @param endedAt      when it switched or failed
     * @param position     while rebuilding: the newest event timestamp the rebuild has passed
     * @param eventsBehind while rebuilding: the events after that position (bounded as the segments' count)
     */
    public record RebuildStatus(String from, String into, ViewRebuilds.State state, Instant startedAt,
                                Instant endedAt, Instant position, Long eventsBehind) {
    }
}
