package dev.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several command-side instances share one store. A cached aggregate is used by a command only while the store
 * still ends at its version; Axon's own caching repository (shown for comparison) decides on the old state, and
 * evicts it when the append conflicts, as it does after a race between our check and the append.
 */
class CheckedCachingRepositoryTests {

    private final CounterStore store = new CounterStore();
    private final Configuration instance = store.configuration();
    private final Cache cache = new WeakReferenceCache();

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void whenAnotherInstanceAppendedThenTheNextCommandStartsFromTheStoredState() {
        Repository<Counter> repository = checked();
        store.append("c", 0);
        assertThat(incrementAndCount(repository, "c")).isEqualTo(1);
        assertThat(cache.containsKey("c")).isTrue();

        store.append("c", 2);

        assertThat(incrementAndCount(repository, "c")).isEqualTo(3);
    }

    @Test
    void whenNothingWasAppendedElsewhereThenTheCachedAggregateIsUsedWithoutReplaying() {
        Repository<Counter> repository = checked();
        store.append("c", 0);
        incrementAndCount(repository, "c");
        int replays = Counter.replayed();

        assertThat(incrementAndCount(repository, "c")).isEqualTo(2);
        assertThat(Counter.replayed()).as("only the new event was applied").isEqualTo(replays + 1);
    }

    @Test
    void whenAnotherInstanceAppendedThenAxonsOwnCacheDecidesOnTheOldStateAndIsEvictedByTheConflict() {
        Repository<Counter> repository = EventSourcingRepository.builder(Counter.class).eventStore(instance.eventStore())
                .cache(cache).parameterResolverFactory(instance.parameterResolverFactory())
                .handlerDefinition(instance.handlerDefinition(Counter.class)).build();
        store.append("c", 0);
        incrementAndCount(repository, "c");

        store.append("c", 2);

        assertThatThrownBy(() -> incrementAndCount(repository, "c")).isInstanceOf(ConcurrencyException.class);
        assertThat(cache.containsKey("c")).isFalse();
        assertThat(incrementAndCount(repository, "c")).isEqualTo(3);
    }

    @Test
    void whenAnAppendRacesTheCheckThenTheConflictEvictsTheAggregateAndTheRetryStartsFromTheNewState() {
        Repository<Counter> repository = checked();
        store.append("c", 0);
        incrementAndCount(repository, "c");

        UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        Aggregate<Counter> aggregate = repository.load("c");
        store.append("c", 2);
        aggregate.execute(Counter::increment);

        assertThatThrownBy(command::commit).isInstanceOf(ConcurrencyException.class);
        assertThat(cache.containsKey("c")).isFalse();
        assertThat(incrementAndCount(repository, "c")).isEqualTo(3);
    }

    private Repository<Counter> checked() {
        return CheckedCachingRepository.of(Counter.class, instance.eventStore(), cache,
                instance.parameterResolverFactory(), instance.handlerDefinition(Counter.class));
    }

    /** One command: increments the counter. @return its count before */
    private static int incrementAndCount(Repository<Counter> repository, String id) {
        UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<Counter> aggregate = repository.load(id);
            int count = aggregate.invoke(Counter::count);
            aggregate.execute(Counter::increment);
            command.commit();
            return count;
        } catch (RuntimeException e) {
            if (command.isActive()) {
                command.rollback(e);
            }
            throw e;
        }
    }
}
