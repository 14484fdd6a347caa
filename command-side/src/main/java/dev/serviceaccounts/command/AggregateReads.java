package dev.serviceaccounts.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Reads the current state of one type of event-sourced aggregate outside a command. Used where a decision must
 * rest on the aggregate, not on a view (docs/design.md §4: a revoked admin right takes effect on the very next
 * request), so every read is as fresh as a load from the event store (docs/decisions.md D41):
 * <ul>
 * <li>no aggregate lock: a read never applies events, so it replays the stream in a repository of its own
 *     without Axon's pessimistic lock, and reads of one aggregate no longer queue behind each other or behind
 *     its commands;</li>
 * <li>a cache of the states read, at their version, that is used only when the store's last sequence number of
 *     the aggregate is still that version (one point read instead of the snapshot lookup, the stream and its
 *     replay); an event appended by any instance makes the next read replay. Cached roots are never changed
 *     after they are cached (each replay builds a new one), so concurrent reads may share them.</li>
 * </ul>
 *
 * @param <A> the aggregate root's type
 */
public final class AggregateReads<A> {

    /** How many aggregates' states are kept (least recently read dropped first). */
    static final int CACHED = 10_000;

    private final Class<A> type;
    private final Supplier<Configuration> axon;
    private volatile EventSourcingRepository<A> repository;
    private volatile EventStore eventStore;
    private final Map<String, Read<A>> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Read<A>> eldest) {
            return size() > CACHED;
        }
    });

    /**
     * @param type the aggregate root's class
     * @param axon Axon's configuration (its event store, parameter resolvers and handler definitions, as the
     *             aggregate's own repository uses them), asked on the first read: the readers are made while
     *             Axon's configuration is still being built
     */
    public AggregateReads(Class<A> type, Supplier<Configuration> axon) {
        this.type = type;
        this.axon = axon;
    }

    /**
     * @return the value {@code reader} derives from the aggregate, or empty when no aggregate has that id
     * @throws RuntimeException whatever loading threw, other than "not found"
     */
    public <R> Optional<R> read(String aggregateId, Function<A, R> reader) {
        return read(aggregateId, (root, version) -> reader.apply(root));
    }

    /**
     * @param reader given the aggregate root and its version (the sequence number of its last event); it must not
     *               change the root
     * @return the value {@code reader} derives from the aggregate, or empty when no aggregate has that id
     * @throws RuntimeException whatever loading threw, other than "not found"
     */
    public <R> Optional<R> read(String aggregateId, BiFunction<A, Long, R> reader) {
        initialise();
        Read<A> cached = cache.get(aggregateId);
        if (cached != null && eventStore.lastSequenceNumberFor(aggregateId).filter(cached.version::equals).isPresent()) {
            return Optional.ofNullable(reader.apply(cached.root(), cached.version()));
        }
        return load(aggregateId).map(read -> reader.apply(read.root(), read.version()));
    }

    private void initialise() {
        if (repository == null) {
            synchronized (this) {
                if (repository == null) {
                    Configuration configuration = axon.get();
                    eventStore = configuration.eventStore();
                    repository = EventSourcingRepository.builder(type).eventStore(eventStore)
                            .lockFactory(NullLockFactory.INSTANCE)
                            .parameterResolverFactory(configuration.parameterResolverFactory())
                            .handlerDefinition(configuration.handlerDefinition(type))
                            .build();
                }
            }
        }
    }

    private Optional<Read<A>> load(String aggregateId) {
        ResultMessage<Read<A>> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            Aggregate<A> aggregate = repository.load(aggregateId);
            return new Read<>(aggregate.invoke(Function.identity()), aggregate.version());
        });
        if (!result.isExceptional()) {
            Read<A> read = result.getPayload();
            if (read.version() != null) {
                cache.put(aggregateId, read);
            } else {
                cache.remove(aggregateId);
            }
            return Optional.of(read);
        }
        cache.remove(aggregateId);
        Throwable failure = result.exceptionResult();
        if (failure instanceof AggregateNotFoundException) {
            return Optional.empty();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    /** An aggregate's state as read, at {@code version}. */
    private record Read<A>(A root, Long version) {
    }
}
