package dev.serviceaccounts.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A test aggregate: counts its events, and how many events all counters replayed. */
class Counter {

    private static final AtomicInteger REPLAYED = new AtomicInteger();

    @AggregateIdentifier
    private String id;
    private int count;

    Counter() {
    }

    static int replayed() {
        return REPLAYED.get();
    }

    int count() {
        return count;
    }

    void increment() {
        apply(new Incremented(id));
    }

    @EventSourcingHandler
    void on(Incremented event) {
        id = event.id();
        count++;
        REPLAYED.incrementAndGet();
    }

    /** The one event of a counter. */
    record Incremented(String id) {
    }
}
