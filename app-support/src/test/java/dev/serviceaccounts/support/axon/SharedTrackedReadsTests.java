package dev.serviceaccounts.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** docs/decisions.md D60: streams at the same position share one read of the store. */
class SharedTrackedReadsTests {

    private static final int BATCH = 10;
    private static final Duration KEPT_FOR = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong();

    /** A store of numbered events read in batches of {@link #BATCH}, counting its reads by start position. */
    private static final class Store implements Function<TrackingToken, List<? extends TrackedEventMessage<?>>> {
        final List<TrackedEventMessage<?>> events = new CopyOnWriteArrayList<>();
        final List<Long> reads = new CopyOnWriteArrayList<>();

        Store append(int count) {
            for (int i = 0; i < count; i++) {
                long index = events.size();
                events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                        GenericEventMessage.asEventMessage("event-" + index)));
            }
            return this;
        }

        @Override
        public List<? extends TrackedEventMessage<?>> apply(TrackingToken token) {
            int from = token == null ? 0 : (int) ((GlobalSequenceTrackingToken) token).getGlobalIndex() + 1;
            reads.add((long) from);
            return List.copyOf(events.subList(Math.min(from, events.size()), Math.min(from + BATCH, events.size())));
        }
    }

    @Test
    void whenTwoReadersReadTheSameRangeThenTheStoreIsReadOnceAndTheyGetTheSameMessages() {
        Store store = new Store().append(35);
        SharedTrackedReads reads = shared(store, 1_000);

        List<TrackedEventMessage<?>> first = reads.readFrom(null).toList();
        List<TrackedEventMessage<?>> second = reads.readFrom(null).toList();

        assertThat(first).hasSize(35).containsExactlyElementsOf(store.events);
        assertThat(second).hasSize(35);
        for (int i = 0; i < 35; i++) {
            assertThat(second.get(i)).isSameAs(first.get(i));
        }
        // four batches of events and one empty read per stream: an empty read is never handed on
        assertThat(store.reads).containsExactly(0L, 10L, 20L, 30L, 35L, 35L);
    }

    @Test
    void whenAReaderStartsWithinAKeptBatchThenItContinuesFromItWithoutARead() {
        Store store = new Store().append(20);
        SharedTrackedReads reads = shared(store, 1_000);
        reads.readFrom(null).limit(20).toList();
        store.reads.clear();

        List<TrackedEventMessage<?>> rest = reads.readFrom(new GlobalSequenceTrackingToken(4)).limit(15).toList();

        assertThat(payloads(rest)).containsExactlyElementsOf(names(5, 20));
        assertThat(store.reads).isEmpty();
    }

    @Test
    void whenAReaderFallsBehindTheKeptEventsThenItStillGetsEveryEventInOrder() {
        Store store = new Store().append(100);
        SharedTrackedReads reads = shared(store, 25);
        var slow = reads.readFrom(null).iterator();
        List<Object> slowSeen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slowSeen.add(slow.next().getPayload());
        }

        List<TrackedEventMessage<?>> fast = reads.readFrom(null).toList();
        slow.forEachRemaining(event -> slowSeen.add(event.getPayload()));

        assertThat(fast).hasSize(100);
        assertThat(slowSeen).containsExactlyElementsOf(names(0, 100));
        assertThat(reads.keptEvents()).isLessThanOrEqualTo(25 + BATCH);
        // the fast reader passed the slow one, whose next batches had been dropped: it read them again
        assertThat(store.reads.stream().filter(from -> from == 10L)).hasSize(2);
    }

    @Test
    void whenAReadFoundNothingThenTheNextReaderReadsAgainAndSeesWhatLandedSince() {
        Store store = new Store().append(3);
        SharedTrackedReads reads = shared(store, 1_000);
        assertThat(reads.readFrom(null).toList()).hasSize(3);

        store.append(2);
        List<TrackedEventMessage<?>> later = reads.readFrom(new GlobalSequenceTrackingToken(2)).toList();

        assertThat(payloads(later)).containsExactly("event-3", "event-4");
    }

    @Test
    void whenAnEndedStreamIsAskedAgainThenItReadsAgain() {
        Store store = new Store().append(2);
        SharedTrackedReads reads = shared(store, 1_000);
        var stream = reads.readFrom(null).iterator();
        stream.next();
        stream.next();
        assertThat(stream.hasNext()).isFalse();

        store.append(1);

        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.next().getPayload()).isEqualTo("event-2");
    }

    @Test
    void whenReadersAskForAPositionBeingReadThenTheyWaitForThatRead() throws Exception {
        Store store = new Store().append(5);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        SharedTrackedReads reads = shared(token -> {
            calls.incrementAndGet();
            reading.countDown();
            await(release);
            return store.apply(token);
        }, 1_000);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<List<TrackedEventMessage<?>>> first = threads.submit(() -> reads.eventsAfter(null));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            Future<List<TrackedEventMessage<?>>> second = threads.submit(() -> reads.eventsAfter(null));
            Future<List<TrackedEventMessage<?>>> third = threads.submit(() -> reads.eventsAfter(null));
            Thread.sleep(200);
            release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(5);
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first.get());
            assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo(first.get());
            assertThat(calls).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whenAReadFailsThenAReaderThatWaitedForItReadsItself() throws Exception {
        Store store = new Store().append(5);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        SharedTrackedReads reads = shared(token -> {
            if (calls.incrementAndGet() == 1) {
                reading.countDown();
                await(release);
                throw new IllegalStateException("store unavailable");
            }
            return store.apply(token);
        }, 1_000);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<TrackedEventMessage<?>>> failing = threads.submit(() -> reads.eventsAfter(null));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            Future<List<TrackedEventMessage<?>>> waiting = threads.submit(() -> reads.eventsAfter(null));
            Thread.sleep(200);
            release.countDown();

            assertThat(waiting.get(5, TimeUnit.SECONDS)).hasSize(5);
            assertThat(failing).failsWithin(5, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whenABatchIsOlderThanItsKeepingTimeThenItIsDroppedAndReadAgain() {
        Store store = new Store().append(15);
        SharedTrackedReads reads = shared(store, 1_000);
        reads.readFrom(null).limit(15).toList();
        assertThat(reads.keptEvents()).isEqualTo(15);

        nanos.addAndGet(KEPT_FOR.toNanos() + 1);
        store.reads.clear();
        List<TrackedEventMessage<?>> again = reads.readFrom(null).limit(15).toList();

        assertThat(payloads(again)).containsExactlyElementsOf(names(0, 15));
        assertThat(store.reads).containsExactly(0L, 10L);
    }

    private SharedTrackedReads shared(Function<TrackingToken, List<? extends TrackedEventMessage<?>>> read, int max) {
        return new SharedTrackedReads(read, max, KEPT_FOR, nanos::get);
    }

    private static List<Object> payloads(List<TrackedEventMessage<?>> events) {
        return events.stream().<Object>map(TrackedEventMessage::getPayload).toList();
    }

    private static List<String> names(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add("event-" + i);
        }
        return names;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
