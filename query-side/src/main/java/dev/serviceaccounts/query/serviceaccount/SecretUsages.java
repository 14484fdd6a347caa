package dev.serviceaccounts.query.serviceaccount;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * When each secret last got a token (docs/decisions.md D26): the {@code secret_usage} collection,
 * {@code {_id: secretId, serviceAccountId, lastUsedAt}}, beside the service-account view and not part of it (the
 * view is the account's fold; a use is not an event). The token endpoint reports each use; this instance writes a
 * secret's use at most once per {@code service-accounts.secret-usage.write-interval}, on its own thread, never on
 * the request's. A write only moves {@code lastUsedAt} forward ({@code $max}), so instances do not undo each other.
 * A use is lost when the queue of pending writes is full or MongoDB refuses it
 * ({@value #DROPPED} counts them); the next use after the interval writes again.
 */
@Component
public class SecretUsages implements DisposableBean {

    static final String COLLECTION = "secret_usage";
    /** Counter of {@code secret_usage} writes by this instance. */
    public static final String WRITES = "sa.secret_usage.writes";
    /** Counter of uses not written: the queue of pending writes was full, or the write failed. */
    public static final String DROPPED = "sa.secret_usage.dropped";
    private static final int PENDING_WRITES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(SecretUsages.class);

    private final MongoTemplate mongo;
    private final MeterRegistry meters;
    /** The secrets written within the interval, with the use written. */
    private final Cache<String, Instant> written;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PENDING_WRITES), runnable -> {
                Thread thread = new Thread(runnable, "secret-usage-writer");
                thread.setDaemon(true);
                return thread;
            });

    public SecretUsages(MongoTemplate mongo, MeterRegistry meters, Clock clock, ServiceAccountsProperties properties) {
        this.mongo = mongo;
        this.meters = meters;
        this.written = Caffeine.newBuilder()
                .maximumSize(properties.secretUsage().trackedSecrets())
                .expireAfterWrite(properties.secretUsage().writeInterval())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * Notes that {@code secretId} of {@code serviceAccountId} got a token at {@code at}; returns at once.
     */
    public void used(String serviceAccountId, String secretId, Instant at) {
        if (written.asMap().putIfAbsent(secretId, at) != null) {
            return;
        }
        try {
            writer.execute(() -> write(serviceAccountId, secretId, at));
        } catch (RejectedExecutionException e) {
            written.invalidate(secretId);
            meters.counter(DROPPED).increment();
        }
    }

    private void write(String serviceAccountId, String secretId, Instant at) {
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(secretId)),
                    new Update().set("serviceAccountId", serviceAccountId).max("lastUsedAt", Date.from(at)), COLLECTION);
            meters.counter(WRITES).increment();
        } catch (RuntimeException e) {
            written.invalidate(secretId);
            meters.counter(DROPPED).increment();
            log.warn("Could not write the last use of secret {}: {}", secretId, e.toString());
        }
    }

    /** @return {@code view} with each secret's {@code lastUsedAt} */
    public ServiceAccountView withLastUsed(ServiceAccountView view) {
        return withLastUsed(view, lastUsed(secretIds(List.of(view))));
    }

    /** @return {@code page} with each secret's {@code lastUsedAt}, read in one query */
    public ServiceAccountPage withLastUsed(ServiceAccountPage page) {
        Map<String, Instant> lastUsed = lastUsed(secretIds(page.items()));
        return page.map(view -> withLastUsed(view, lastUsed));
    }

    private static ServiceAccountView withLastUsed(ServiceAccountView view, Map<String, Instant> lastUsed) {
        return view.withSecrets(view.secrets().stream()
                .map(secret -> secret.withLastUsedAt(lastUsed.get(secret.secretId()))).toList());
    }

    private static List<String> secretIds(List<ServiceAccountView> views) {
        return views.stream().flatMap(view -> view.secrets().stream()).map(SecretView::secretId).toList();
    }

    private Map<String, Instant> lastUsed(Collection<String> secretIds) {
        Map<String, Instant> lastUsed = new HashMap<>();
        if (secretIds.isEmpty()) {
            return lastUsed;
        }
        for (Document usage : mongo.find(Query.query(Criteria.where("_id").in(secretIds)), Document.class, COLLECTION)) {
            Date at = usage.getDate("lastUsedAt");
            if (at != null) {
                lastUsed.put(usage.getString("_id"), at.toInstant());
            }
        }
        return lastUsed;
    }

    /** Stops the writer; pending writes are dropped (a last use is approximate). */
    @Override
    public void destroy() {
        writer.shutdownNow();
    }
}
