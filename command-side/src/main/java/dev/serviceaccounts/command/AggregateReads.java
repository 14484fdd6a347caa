package dev.serviceaccounts.command;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Reads the current state of an event-sourced aggregate outside a command, in a unit of work of its
 * own. Used where a decision must rest on the aggregate, not on a view (docs/design.md §4: a revoked admin
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
        return read(repository, aggregateId, (root, version) -> reader.apply(root));
    }

    /**
     * @param reader given the aggregate root and its version (the sequence number of its last event)
     * @return the value {@code reader} derives from the aggregate, or empty when no aggregate has that id
     * @throws RuntimeException whatever loading threw, other than "not found"
     */
    public static <A, R> Optional<R> read(Repository<A> repository, String aggregateId,
                                          BiFunction<A, Long, R> reader) {
        ResultMessage<R> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            Aggregate<A> aggregate = repository.load(aggregateId);
            return aggregate.invoke(root -> reader.apply(root, aggregate.version()));
        });
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
