package dev.serviceaccounts.query.processor;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.query.view.RebuildableView;
import dev.serviceaccounts.query.view.ViewBatch;
import dev.serviceaccounts.query.view.ViewGenerations;
import dev.serviceaccounts.query.web.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a view beside the live one (docs/decisions.md D39). A second tracking processor, {@code <name>-rebuild},
 * runs the view's projection code into a new, empty collection from the start of the event stream while the live
 * processor and collection keep serving. Once it has caught up with the head: the live processor stops (its view
 * stays readable), the rebuild runs on until it has passed the live processor's stored position, stops, the readers
 * switch to the new collection ({@link ViewGenerations}), the live processor starts again from its own token and
 * so re-applies into the new collection whatever came after it (the projections are idempotent, D37), and the old
 * collection is dropped after {@link #DROP_GRACE}, when no read that began before the switch still uses it.
 * Readers therefore see the old view or the whole new one, never a half-built one. One rebuild per view at a time,
 * on this instance; its progress is in memory ({@link #of}).
 *
 * <p>Only the instance that processes every segment of the live processor may rebuild its view: another instance
 * that holds a segment would go on writing into the old collection after the switch. A rebuild asked elsewhere is
 * refused ({@link ConflictException}, {@link ErrorCode#SEGMENTS_ELSEWHERE}), and one whose instance has lost a
 * segment by the time it has caught up fails instead of switching.
 */
@Component
public class ViewRebuilds implements DisposableBean {

    /** How long the old collection outlives the switch. */
    static final Duration DROP_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(ViewRebuilds.class);

    private final Map<String, RebuildableView> views = new ConcurrentHashMap<>();
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ViewGenerations generations;
    private final MongoTemplate mongo;
    private final ProcessorPositions positions;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "view-rebuilds");
        thread.setDaemon(true);
        return thread;
    });

    public ViewRebuilds(List<RebuildableView> views, EventProcessingConfiguration processing, EventStore eventStore,
                        ViewGenerations generations, MongoTemplate mongo, ProcessorPositions positions, Clock clock) {
        views.forEach(view -> this.views.put(view.processorName(), view));
        this.processing = processing;
        this.eventStore = eventStore;
        this.generations = generations;
        this.mongo = mongo;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * Starts rebuilding the view of processor {@code name}, unless a rebuild of it runs already.
     *
     * @return the rebuild, running; empty when {@code name} names no rebuildable view of this side
     * @throws ConflictException SEGMENTS_ELSEWHERE when this instance does not process every stored segment of the
     *                           live processor (its problem lists them: {@code segmentsElsewhere}, id to owner)
     */
    public synchronized Optional<Rebuild> start(String name) {
        RebuildableView view = views.get(name);
        Optional<TrackingEventProcessor> processor = processing.eventProcessor(name, TrackingEventProcessor.class);
        if (view == null || processor.isEmpty()) {
            return Optional.empty();
        }
        Rebuild running = rebuilds.get(name);
        if (running != null && running.state() == State.REBUILDING) {
            return Optional.of(running);
        }
        Map<Integer, String> elsewhere = segmentsElsewhere(name, processor.get());
        if (!elsewhere.isEmpty()) {
            throw new ConflictException(ErrorCode.SEGMENTS_ELSEWHERE, "This instance does not process every segment"
                    + " of " + name + "; rebuild on the instance whose segments are all claimedHere",
                    Map.of("segmentsElsewhere", elsewhere));
        }
        String live = view.liveCollection(generations);
        String into = live.replaceFirst("_r\\d+$", "") + "_r" + clock.millis();
        mongo.dropCollection(into);
        TrackingEventProcessor shadow = TrackingEventProcessor.builder()
                .name(name + "-rebuild")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(view.projectionInto().apply(into)).build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        shadow.registerHandlerInterceptor(new ViewBatch());
        Rebuild rebuild = new Rebuild(live, into, State.REBUILDING, clock.instant(), null, shadow);
        rebuilds.put(name, rebuild);
        shadow.start();
        executor.schedule(() -> watch(name), POLL.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Rebuilding {} into {} beside {}", name, into, live);
        return Optional.of(rebuild);
    }

    /** @return the latest rebuild of processor {@code name} on this instance, running or done */
    public Optional<Rebuild> of(String name) {
        return Optional.ofNullable(rebuilds.get(name));
    }

    private void watch(String name) {
        Rebuild rebuild = rebuilds.get(name);
        try {
            Map<Integer, EventTrackerStatus> status = rebuild.shadow().processingStatus();
            if (status.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                fail(name, rebuild);
            } else if (!status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
                switchOver(name, rebuild);
            } else {
                executor.schedule(() -> watch(name), POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(name, rebuild);
        } catch (RuntimeException e) {
            log.warn("The rebuild of {} failed", name, e);
            fail(name, rebuild);
        }
    }

    /**
     * @return each stored segment of the live processor that this instance does not process, by id, with its owner
     *         ({@code "nobody"} when unclaimed); segment 0 when none is stored or processed here yet
     */
    private Map<Integer, String> segmentsElsewhere(String name, TrackingEventProcessor live) {
        Set<Integer> here = live.processingStatus().keySet();
        Map<Integer, String> elsewhere = new TreeMap<>();
        positions.stored(name).forEach((segment, stored) -> {
            if (!here.contains(segment)) {
                elsewhere.put(segment, stored.owner() == null ? "nobody" : stored.owner());
            }
        });
        if (here.isEmpty() && elsewhere.isEmpty()) {
            elsewhere.put(0, "nobody");
        }
        return elsewhere;
    }

    private void switchOver(String name, Rebuild rebuild) throws InterruptedException {
        TrackingEventProcessor live = processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
        Map<Integer, String> elsewhere = segmentsElsewhere(name, live);
        if (!elsewhere.isEmpty()) {
            log.warn("The rebuild of {} fails: segments {} are processed elsewhere now", name, elsewhere);
            fail(name, rebuild);
            return;
        }
        live.shutDown();
        try {
            Instant liveAt = positions.newest(name);
            while (liveAt != null && !passed(rebuild.shadow(), liveAt)) {
                Thread.sleep(POLL.toMillis());
            }
            rebuild.shadow().shutDown();
            generations.switchTo(name, rebuild.into());
        } finally {
            if (!executor.isShutdown()) {
                live.start();
            }
        }
        rebuilds.put(name, rebuild.with(State.SWITCHED, clock.instant()));
        executor.schedule(() -> mongo.dropCollection(rebuild.from()), DROP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Switched {} to {}; {} is dropped in {}", name, rebuild.into(), rebuild.from(), DROP_GRACE);
    }

    private static boolean passed(TrackingEventProcessor shadow, Instant position) {
        return shadow.processingStatus().values().stream()
                .map(status -> ProcessorStatuses.position(status.getTrackingToken()))
                .allMatch(at -> at != null && !at.isBefore(position));
    }

    private void fail(String name, Rebuild rebuild) {
        rebuild.shadow().shutDown();
        mongo.dropCollection(rebuild.into());
        rebuilds.put(name, rebuild.with(State.FAILED, clock.instant()));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
        rebuilds.values().stream().filter(rebuild -> rebuild.state() == State.REBUILDING)
                .map(Rebuild::shadow).filter(Objects::nonNull).forEach(TrackingEventProcessor::shutDown);
    }

    /** Where a rebuild is. */
    public enum State { REBUILDING, SWITCHED, FAILED }

    /**
     * @param from      the collection the view was read from when the rebuild began
     * @param into      the collection the rebuild builds, read from once {@code SWITCHED}
     * @param state     where it is
     * @param startedAt when it began
     * @param endedAt   when it switched or failed (null while rebuilding)
     * @param shadow    the rebuilding processor
     */
    public record Rebuild(String from, String into, State state, Instant startedAt, Instant endedAt,
                          TrackingEventProcessor shadow) {

        Rebuild with(State next, Instant at) {
            return new Rebuild(from, into, next, startedAt, at, shadow);
        }
    }
}
