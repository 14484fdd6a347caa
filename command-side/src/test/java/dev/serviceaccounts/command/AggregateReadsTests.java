package dev.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads outside a command take no aggregate lock, and reuse a cached state only while the store's last sequence
 * number of the aggregate is still the cached version: an event appended by any instance is seen by the next read.
 */
class AggregateReadsTests {

    private final CounterStore store = new CounterStore();
    private final Configuration axon = store.configuration();
    private final AggregateReads<Counter> reads = new AggregateReads<>(Counter.class, () -> axon);

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void whenNoSuchAggregateThenEmpty() {
        assertThat(reads.read("missing", Counter::count)).isEmpty();
    }

    @Test
    void whenNothingWasAppendedSinceTheLastReadThenTheCachedStateAnswersWithoutReplaying() {
        append("c", 0);
        append("c", 1);
        assertThat(reads.read("c", Counter::count)).contains(2);
        int replays = Counter.replayed();

        assertThat(reads.read("c", (counter, version) -> counter.count() + "@" + version)).contains("2@1");
        assertThat(Counter.replayed()).isEqualTo(replays);
    }

    @Test
    void whenAnotherInstanceAppendedThenTheNextReadSeesIt() {
        append("c", 0);
        assertThat(reads.read("c", Counter::count)).contains(1);

        append("c", 1);

        assertThat(reads.read("c", (counter, version) -> counter.count() + "@" + version)).contains("2@1");
    }

    @Test
    void whenACommandHoldsTheAggregateLockThenAReadStillAnswers() throws Exception {
        append("c", 0);
        UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        try {
            axon.repository(Counter.class).load("c");

            Optional<Integer> read = CompletableFuture.supplyAsync(() -> reads.read("c", Counter::count))
                    .get(10, TimeUnit.SECONDS);

            assertThat(read).contains(1);
        } finally {
            command.rollback();
        }
    }

    private void append(String id, long sequence) {
        store.append(id, sequence);
    }
}
