package dev.serviceaccounts.query.support;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Delivers events to projections through Axon's own handler adapter, as a tracking processor does: each
 * event becomes a domain event message with the next sequence number of its aggregate and a timestamp one
 * minute after the previous event's. So {@code @SequenceNumber} and {@code @Timestamp} resolve for real.
 * It may also append each event to an event store ({@link #storingIn}), with an actor in its metadata ({@link #as}),
 * as the command side records them.
 */
public final class EventFeed {

    private final List<AnnotationEventHandlerAdapter> projections;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private Instant clock = TestServiceAccounts.CREATED_AT;
    private EventStorageEngine store;
    private Map<String, String> metaData = Map.of();

    /** @param projections the event handler objects to deliver to */
    public EventFeed(Object... projections) {
        this.projections = Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList();
    }

    /** Appends every event delivered from now on to {@code engine} as well. */
    public EventFeed storingIn(EventStorageEngine engine) {
        this.store = engine;
        return this;
    }

    /** Records {@code actor} (null: none) as who asked for the events delivered from now on. */
    public EventFeed as(String actor) {
        this.metaData = actor == null ? Map.of() : Map.of("actor", actor);
        return this;
    }

    /** @return the timestamp of the last event delivered */
    public Instant lastTimestamp() {
        return clock;
    }

    /** Delivers {@code payload} as the next event of aggregate {@code aggregateId}. */
    public void publish(String aggregateId, Object payload) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        clock = clock.plusSeconds(60);
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, metaData,
                UUID.randomUUID().toString(), clock);
        if (store != null) {
            store.appendEvents(message);
        }
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("Handler failed on " + payload, e);
            }
        }
    }

    /** Delivers the events of {@code account}'s aggregate, in order. */
    public void publish(TestServiceAccounts account, Object... payloads) {
        for (Object payload : payloads) {
            publish(account.id(), payload);
        }
    }
}
