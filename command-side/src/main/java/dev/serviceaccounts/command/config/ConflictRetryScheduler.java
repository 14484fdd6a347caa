package dev.serviceaccounts.command.config;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command that lost an optimistic-concurrency race on the event store (another instance
 * appended to the same aggregate first: the unique (aggregate id, sequence) index refused this commit,
 * docs/design.md §2), or created the same aggregate first (Axon's {@link AggregateStreamCreationException}: two
 * registrations of one marketplace app id, docs/decisions.md D48). Nothing else is retried: a business refusal is
 * final. The command is re-run against the reloaded aggregate, so its rules are checked again on the new state
 * (a second creation finds the aggregate and is refused); after {@code maxRetries} the conflict reaches the caller
 * as 409.
 */
public final class ConflictRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long baseDelayMillis;

    /**
     * @param maxRetries      retries after the first attempt
     * @param baseDelayMillis delay before the first retry; doubled for each further one, with jitter
     */
    public ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseDelayMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.baseDelayMillis = baseDelayMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        long delay = (baseDelayMillis << (failures.size() - 1)) + ThreadLocalRandom.current().nextLong(baseDelayMillis + 1);
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
