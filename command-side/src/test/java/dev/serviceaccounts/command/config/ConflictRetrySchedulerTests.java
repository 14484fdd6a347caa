package dev.serviceaccounts.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.DomainException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which failures are re-sent: a lost race on the event store (an append or a creation), nothing else. */
class ConflictRetrySchedulerTests {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(executor, 3, 1);

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void whenAppendOrCreationLostARaceThenResent() throws InterruptedException {
        for (RuntimeException lost : List.of(new ConcurrencyException("seq taken"),
                new AggregateStreamCreationException("stream exists"),
                new IllegalStateException(new AggregateStreamCreationException("wrapped")))) {
            CountDownLatch resent = new CountDownLatch(1);
            assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"), lost, failures(1),
                    resent::countDown)).as(lost.toString()).isTrue();
            assertThat(resent.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void whenRefusedOrRetriedEnoughThenNotResent() {
        RuntimeException refused = new CommandExecutionException("no", null,
                new DomainException(ErrorCode.MARKETPLACE_APP_EXISTS, "exists").details());

        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"), refused, failures(1),
                () -> { })).isFalse();
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"),
                new AggregateStreamCreationException("stream exists"), failures(4), () -> { })).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        return Collections.nCopies(count, new Class[] {RuntimeException.class});
    }
}
