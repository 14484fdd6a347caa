package dev.serviceaccounts.command;

import java.util.Optional;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

/**
 * The repository of an aggregate's commands: Axon's caching repository, whose cached aggregate is used only while
 * the store's last sequence number of the aggregate is still the cached version (one point read instead of the
 * snapshot lookup, the stream and its replay; docs/decisions.md D41). Several command-side instances share the
 * store, so another instance may have appended since the aggregate was cached; Axon's own cache would then decide
 * on the old state, and only an append is caught by the unique (aggregate id, sequence) index: a refusal or a
 * no-op decided on the old state would reach the caller. With the check, a command always starts from the stored
 * state. What a race between the check and the append leaves is what it left without a cache: the append
 * conflicts, Axon's repository evicts the aggregate when the unit of work rolls back, and the retry
 * ({@code ConflictRetryScheduler}) loads the new state.
 *
 * @param <T> the aggregate root's type
 */
public final class CheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    private CheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder);
        this.cache = cache;
        this.eventStore = eventStore;
    }

    /**
     * @param parameterResolverFactory and {@code handlerDefinition}: Axon's, as its default repository uses them
     * @return a repository of {@code type} with a cache of its own ({@link WeakReferenceCache}: what the heap needs
     *         back goes)
     */
    public static <T> CheckedCachingRepository<T> of(Class<T> type, EventStore eventStore,
                                                     ParameterResolverFactory parameterResolverFactory,
                                                     HandlerDefinition handlerDefinition) {
        return of(type, eventStore, new WeakReferenceCache(), parameterResolverFactory, handlerDefinition);
    }

    /** @return a repository of {@code type} caching in {@code cache} */
    public static <T> CheckedCachingRepository<T> of(Class<T> type, EventStore eventStore, Cache cache,
                                                     ParameterResolverFactory parameterResolverFactory,
                                                     HandlerDefinition handlerDefinition) {
        return new CheckedCachingRepository<>(EventSourcingRepository.builder(type).eventStore(eventStore).cache(cache)
                .parameterResolverFactory(parameterResolverFactory).handlerDefinition(handlerDefinition),
                cache, eventStore);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && !eventStore.lastSequenceNumberFor(aggregateIdentifier)
                .equals(Optional.ofNullable(aggregate.version()))) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }
}
