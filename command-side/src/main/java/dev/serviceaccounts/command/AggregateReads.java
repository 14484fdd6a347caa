package dev.serviceaccounts.command;

import java.util.Optional;
import java.util.function.Function;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Reads the current state of an event-sourced aggregate outside a command, in a unit of work of its
 * own. Used where a decision must rest on the aggregate, not on a view (DESIGN §4: a revoked admin
 * right takes effect on the very next request).
 */
public final class AggregateReads {

    private AggregateReads() {
    }

    /**
     * @return the value {@code reader} derives from the aggregate, or empty when no aggregate has that id
     * @throws RuntimeException whatever loading threw, other than "not found"
     */
    public static <A, R> Optional<R> read(Repository<A> repository, String aggregateId, Function<A, R> reader) {
        ResultMessage<R> result = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(aggregateId).invoke(reader));
        if (!result.isExceptional()) {
            return Optional.ofNullable(result.getPayload());
        }
        Throwable failure = result.exceptionResult();
        if (failure instanceof AggregateNotFoundException) {
            return Optional.empty();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }
}
