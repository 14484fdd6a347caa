package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * "The token endpoint is never behind a 2xx" (docs/token-freshness.md): a command that wrote events of a
 * service account (credentials, status, permissions, its contact, or anything else) is answered only
 * once every live query-side instance's token view has applied the last of them. The two sides share
 * only MongoDB: each query-side instance keeps a heartbeat in {@value #INSTANCES} and upserts
 * {@code {_id: instance/aggregateId, instance, aggregateId, sequence}} into {@value #ACKNOWLEDGEMENTS} after
 * applying an event; this class polls both, the acknowledgements by {@code _id}, until every instance with a
 * recent heartbeat has acknowledged the sequence number. One poller thread does this for all waiting commands
 * (one query of the instances and one of the acknowledgements per {@code poll-interval}, whatever the number of
 * waiting commands, docs/decisions.md D41); each waiting request thread is woken when its own sequences are in.
 *
 * <p>Which events a command wrote is recorded as they are stored ({@link #eventRecorder()}, a dispatch
 * interceptor on the event store), keyed by the command message's identifier, and only on commit; the
 * one place every command passes through ({@code CommandSender}) then calls {@link #awaitTokenViews}. So
 * no command type has to be listed, and a command that changed nothing does not wait.
 *
 * <p>The wait is bounded ({@code service-accounts.token-views.timeout}): after it, the command is answered
 * 2xx anyway, since its events are stored and every view will apply them, with a WARN log and the
 * counter {@value #TIMEOUTS}. The time spent waiting is the timer {@value #WAIT}.
 */
@Component
public class TokenViewFreshness implements AutoCloseable {

    /** Registrations and heartbeats of query-side instances (written by the query side). */
    public static final String INSTANCES = "query_instances";
    /** Acknowledgements of query-side token views (written by the query side). */
    public static final String ACKNOWLEDGEMENTS = "token_view_acks";
    /** Counter of waits that ran out of time. */
    public static final String TIMEOUTS = "sa.command.token_views.timeouts";
    /** Timer of the waits. */
    public static final String WAIT = "sa.command.token_views.wait";
    private static final String AGGREGATE_TYPE = ServiceAccount.class.getSimpleName();
    private static final String WRITTEN = TokenViewFreshness.class.getName() + ".written";
    private static final Logger log = LoggerFactory.getLogger(TokenViewFreshness.class);

    private final Map<String, Map<String, Long>> writtenByCommand = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final Poller poller = new Poller();
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ServiceAccountsProperties.TokenViews settings;
    private final Counter timeouts;
    private final Timer waits;

    public TokenViewFreshness(MongoTemplate mongo, Clock clock, MeterRegistry meters,
                              ServiceAccountsProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.settings = properties.tokenViews();
        this.timeouts = meters.counter(TIMEOUTS);
        this.waits = meters.timer(WAIT);
    }

    /**
     * @return an event-store dispatch interceptor that notes, per command, the last sequence number of each
     *         service account it wrote; the note is kept when the command's unit of work commits
     */
    public MessageDispatchInterceptor<EventMessage<?>> eventRecorder() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message instanceof DomainEventMessage<?> event && AGGREGATE_TYPE.equals(event.getType())
                            && CurrentUnitOfWork.isStarted()) {
                        written(CurrentUnitOfWork.get().root())
                                .merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max);
                    }
                    return message;
                };
            }
        };
    }

    /**
     * Waits, bounded, until every live query-side instance has applied the service-account events written
     * by the command with this message identifier; returns at once when it wrote none. Forgets the command.
     * The waiting request thread only parks: one poller thread reads the acknowledgements for all waiting
     * commands at once ({@link #pollOnce}) and wakes each when its own sequences are acknowledged.
     *
     * @throws RuntimeException what reading the acknowledgements threw (the command's events are stored)
     */
    public void awaitTokenViews(String commandIdentifier) {
        Map<String, Long> written = writtenByCommand.remove(commandIdentifier);
        if (written == null || written.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Waiter waiter = new Waiter(Map.copyOf(written));
        waiting.add(waiter);
        poller.wake();
        try {
            waiter.done.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            timeouts.increment();
            log.warn("Answering a command before every query-side token view acknowledged it (waited {}): "
                    + "a token request may see the state before it for a moment; accounts {}", settings.timeout(),
                    written.keySet());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.remove(waiter);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        waits.record(waited);
        log.debug("Waited {} ms for the token views to have {}", waited.toMillis(), written);
    }

    /**
     * One poll for every waiting command: reads the live instances and, in one query by {@code _id}, the
     * acknowledgements of every account a waiting command wrote; completes each waiter whose sequences every
     * live instance has acknowledged. A failed read fails the waiters of that poll with its exception.
     */
    void pollOnce() {
        List<Waiter> polled = List.copyOf(waiting);
        if (polled.isEmpty()) {
            return;
        }
        try {
            Set<String> live = liveInstances();
            Map<String, Long> acknowledged = new HashMap<>();
            if (!live.isEmpty()) {
                Set<String> ids = new HashSet<>();
                polled.forEach(waiter -> live.forEach(instance -> waiter.written.keySet()
                        .forEach(account -> ids.add(instance + "/" + account))));
                // by _id, the only index every MongoDB (the embedded one too) uses: a scan by aggregateId grew with the accounts
                for (Document ack : mongo.getCollection(ACKNOWLEDGEMENTS)
                        .find(new Document("_id", new Document("$in", List.copyOf(ids))))
                        .projection(new Document("sequence", 1))) {
                    Number sequence = ack.get("sequence", Number.class);
                    if (sequence != null) {
                        acknowledged.put(ack.getString("_id"), sequence.longValue());
                    }
                }
            }
            for (Waiter waiter : polled) {
                if (waiter.acknowledgedBy(live, acknowledged)) {
                    waiter.done.complete(null);
                }
            }
        } catch (RuntimeException e) {
            polled.forEach(waiter -> waiter.done.completeExceptionally(e));
        }
    }

    /** Stops the poller thread (with the application context). */
    @Override
    public void close() {
        poller.stop();
    }

    /** Forgets what the command with this identifier wrote (when it failed after all). */
    public void forget(String commandIdentifier) {
        writtenByCommand.remove(commandIdentifier);
    }

    private Map<String, Long> written(UnitOfWork<?> command) {
        return command.getOrComputeResource(WRITTEN, key -> {
            Map<String, Long> written = new ConcurrentHashMap<>();
            String identifier = command.getMessage().getIdentifier();
            command.afterCommit(committed -> writtenByCommand.put(identifier, written));
            return written;
        });
    }

    private Set<String> liveInstances() {
        Set<String> live = new HashSet<>();
        Date recent = Date.from(clock.instant().minus(settings.instanceLiveness()));
        for (Document instance : mongo.getCollection(INSTANCES).find()) {
            String id = instance.getString("_id");
            Date lastSeen = instance.getDate("lastSeen");
            if (lastSeen != null && !lastSeen.before(recent)) {
                live.add(id);
            } else if (silent.add(id)) {
                log.warn("Query-side instance {} has been silent since {}: commands no longer wait for its token view",
                        id, lastSeen);
            }
        }
        return live;
    }

    /** A command waiting for the token views: the last sequence number it wrote per account. */
    private static final class Waiter {

        private final Map<String, Long> written;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Waiter(Map<String, Long> written) {
            this.written = written;
        }

        /** @return true when every live instance acknowledged, per account, at least the sequence written */
        private boolean acknowledgedBy(Set<String> live, Map<String, Long> acknowledged) {
            for (String instance : live) {
                for (Map.Entry<String, Long> account : written.entrySet()) {
                    Long sequence = acknowledged.get(instance + "/" + account.getKey());
                    if (sequence == null || sequence < account.getValue()) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * The one thread that polls for all waiting commands: every {@code poll-interval} while any command waits,
     * parked otherwise; started with the first wait.
     */
    private final class Poller implements Runnable {

        private final Object signal = new Object();
        private volatile Thread thread;
        private volatile boolean stopped;
        private volatile boolean idle;

        /** Starts the thread, or wakes it when it is parked for want of waiting commands (not between polls). */
        void wake() {
            Thread current = thread;
            if (current == null) {
                synchronized (signal) {
                    if (thread == null && !stopped) {
                        current = new Thread(this, "token-view-poller");
                        current.setDaemon(true);
                        thread = current;
                        current.start();
                        return;
                    }
                    current = thread;
                }
            }
            if (current != null && idle) {
                LockSupport.unpark(current);
            }
        }

        void stop() {
            stopped = true;
            Thread current = thread;
            if (current != null) {
                LockSupport.unpark(current);
            }
        }

        @Override
        public void run() {
            while (!stopped) {
                if (waiting.isEmpty()) {
                    idle = true;
                    if (waiting.isEmpty()) {
                        LockSupport.park(this);
                    }
                    idle = false;
                    continue;
                }
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    log.warn("Polling the token views' acknowledgements failed", e);
                }
                LockSupport.parkNanos(this, settings.pollInterval().toNanos());
            }
        }
    }
}
