package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Registers this query-side instance in the {@code query_instances} collection and keeps its heartbeat
 * ({@code lastSeen}) fresh, so that the command side knows whose acknowledgements to wait for (see
 * {@link TokenViewAcknowledgements}). It registers just before the event processors start, so a command
 * answered before then is already in the events this instance's processor catches up with before the
 * port opens ({@link TokenViewReadiness}); it leaves once the port has closed. On registering it deletes
 * the registrations and acknowledgements of instances silent for {@code token-view.prune-after}.
 */
@Component
public class QueryInstanceRegistration implements SmartLifecycle {

    /** The collection of live query-side instances; the command side reads it. */
    public static final String COLLECTION = "query_instances";
    /** Before the Axon configuration (and so the event processors) starts. */
    static final int PHASE = Integer.MAX_VALUE - 4096;
    private static final Logger log = LoggerFactory.getLogger(QueryInstanceRegistration.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String instanceId;
    private final Duration heartbeatInterval;
    private final Duration pruneAfter;
    private ScheduledExecutorService heartbeat;

    public QueryInstanceRegistration(MongoTemplate mongo, Clock clock, ServiceAccountsProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.instanceId = properties.nodeId().isBlank() ? "query-side-" + UUID.randomUUID() : properties.nodeId();
        this.heartbeatInterval = properties.tokenView().heartbeatInterval();
        this.pruneAfter = properties.tokenView().pruneAfter();
    }

    /** @return this instance's id in {@code query_instances} and in its acknowledgements */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public synchronized void start() {
        pruneSilentInstances();
        beat();
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "query-instance-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = heartbeatInterval.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beatQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Leaves the registry: from now on no command waits for this instance. Idempotent. */
    public synchronized void deregister() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
            mongo.getCollection(COLLECTION).deleteOne(new Document("_id", instanceId));
        }
    }

    @Override
    public void stop() {
        deregister();
    }

    @Override
    public synchronized boolean isRunning() {
        return heartbeat != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void beat() {
        Date now = Date.from(clock.instant());
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", instanceId),
                new Document("$set", new Document("lastSeen", now)).append("$setOnInsert", new Document("startedAt", now)),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.warn("Heartbeat of query-side instance {} failed: {}", instanceId, e.toString());
        }
    }

    private void pruneSilentInstances() {
        Document silent = new Document("lastSeen", new Document("$lt", Date.from(clock.instant().minus(pruneAfter))));
        List<String> ids = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(silent).forEach(document -> ids.add(document.getString("_id")));
        if (!ids.isEmpty()) {
            mongo.getCollection(TokenViewAcknowledgements.COLLECTION).deleteMany(new Document("instance", new Document("$in", ids)));
            mongo.getCollection(COLLECTION).deleteMany(new Document("_id", new Document("$in", ids)));
        }
    }
}
