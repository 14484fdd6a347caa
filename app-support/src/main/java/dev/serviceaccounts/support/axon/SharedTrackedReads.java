package dev.serviceaccounts.support.axon;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Tracked reads of the event store shared by every stream that asks for the same position (docs/decisions.md D60):
 * a read of one batch (the commits after a token, decoded into messages) is kept, and a stream whose token is the
 * batch's start or any event's in it continues from the kept messages instead of reading the store again. The
 * messages are the same objects for every reader, so a payload Axon deserialises lazily is deserialised once for
 * all processors, and their tokens are equal, so the processors' tokens agree with each other and with the
 * {@code EmbeddedEventStore}'s cache of the head, which a processor follows only when its token is one of the cache's.
 *
 * <p>At most {@code maxEvents} events are kept, none longer than {@code maxAge} (the oldest batches dropped first);
 * a reader further behind reads the store itself, and its batch is kept for those behind it. Readers asking for a
 * position being read wait for that read. A read that found nothing is never kept nor handed on: a reader that
 * waited for one reads again itself, since a commit may have landed after that read began (a reader woken by a new
 * commit must see it). A kept batch handed out later is what a reader would have got had it read then and processed
 * more slowly: its tokens look back for late commits as its own would (D37).
 */
public final class SharedTrackedReads {

    private final Function<TrackingToken, List<? extends TrackedEventMessage<?>>> read;
    private final int maxEvents;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private final Map<TrackingToken, Position> positions = new HashMap<>();
    private final Map<TrackingToken, CompletableFuture<List<TrackedEventMessage<?>>>> reading = new HashMap<>();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private int keptEvents;

    /**
     * @param read      one read of the store: the next batch of events after a token ({@code null}: from the first
     *                  event), empty when none follows it
     * @param maxEvents how many events to keep at most for other readers (0: nothing kept, reads only joined)
     * @param maxAge    how long a batch is kept after its read: once every reader has passed it (caught up, or
     *                  the store read through) it would otherwise stay in the heap until newer batches push it out
     * @param nanoTime  the clock of {@code maxAge} ({@code System::nanoTime})
     */
    public SharedTrackedReads(Function<TrackingToken, List<? extends TrackedEventMessage<?>>> read, int maxEvents,
                              Duration maxAge, LongSupplier nanoTime) {
        this.read = read;
        this.maxEvents = maxEvents;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The events after {@code token} in store order, read batch by batch as the stream is consumed; the stream ends
     * where a read finds nothing, and asking it again for the next element reads again (as Axon's batching engine).
     */
    public Stream<TrackedEventMessage<?>> readFrom(TrackingToken token) {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventMessage<?>>(Long.MAX_VALUE,
                Spliterator.NONNULL | Spliterator.ORDERED) {
            private TrackingToken last = token;
            private Iterator<TrackedEventMessage<?>> batch = List.<TrackedEventMessage<?>>of().iterator();

            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                if (!batch.hasNext()) {
                    List<TrackedEventMessage<?>> next = eventsAfter(last);
                    if (next.isEmpty()) {
                        return false;
                    }
                    batch = next.iterator();
                }
                TrackedEventMessage<?> event = batch.next();
                last = event.trackingToken();
                action.accept(event);
                return true;
            }
        }, false);
    }

    /** The next events after {@code token}: kept ones, another reader's read of them, or a read of its own. */
    List<TrackedEventMessage<?>> eventsAfter(TrackingToken token) {
        CompletableFuture<List<TrackedEventMessage<?>>> own = null;
        CompletableFuture<List<TrackedEventMessage<?>>> other;
        synchronized (lock) {
            dropOlderThan(nanoTime.getAsLong() - maxAgeNanos);
            Position kept = positions.get(token);
            if (kept != null) {
                return kept.batch.events.subList(kept.next, kept.batch.events.size());
            }
            other = reading.get(token);
            if (other == null) {
                own = new CompletableFuture<>();
                reading.put(token, own);
            }
        }
        if (other != null) {
            List<TrackedEventMessage<?>> theirs;
            try {
                theirs = other.join();
            } catch (CompletionException | CancellationException e) {
                theirs = List.of();
            }
            return theirs.isEmpty() ? List.copyOf(read.apply(token)) : theirs;
        }
        List<TrackedEventMessage<?>> events;
        try {
            events = List.copyOf(read.apply(token));
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                reading.remove(token);
            }
            own.completeExceptionally(e);
            throw e;
        }
        synchronized (lock) {
            reading.remove(token);
            if (!events.isEmpty()) {
                keep(token, new Batch(events, nanoTime.getAsLong()));
            }
        }
        own.complete(events);
        return events;
    }

    private void keep(TrackingToken start, Batch batch) {
        if (maxEvents <= 0) {
            return;
        }
        List<TrackedEventMessage<?>> events = batch.events;
        positions.put(start, new Position(batch, 0));
        for (int i = 0; i < events.size() - 1; i++) {
            positions.put(events.get(i).trackingToken(), new Position(batch, i + 1));
        }
        batches.addLast(batch);
        keptEvents += events.size();
        while (keptEvents > maxEvents && batches.size() > 1) {
            dropOldest();
        }
    }

    private void dropOlderThan(long readBefore) {
        while (!batches.isEmpty() && batches.peekFirst().readAt - readBefore < 0) {
            dropOldest();
        }
    }

    private void dropOldest() {
        Batch oldest = batches.removeFirst();
        keptEvents -= oldest.events.size();
        positions.values().removeIf(position -> position.batch == oldest);
    }

    /** How many events are kept now (for tests). */
    int keptEvents() {
        synchronized (lock) {
            return keptEvents;
        }
    }

    private record Batch(List<TrackedEventMessage<?>> events, long readAt) {
    }

    /** Where a reader at a token continues: {@code next} is the index of the event after it in {@code batch}. */
    private record Position(Batch batch, int next) {
    }
}
