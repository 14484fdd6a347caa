package dev.serviceaccounts.query.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which collection holds each rebuildable view now (docs/decisions.md D39): the {@code view_generations}
 * collection, {@code {_id: view, collection}}, read again at most every {@link #REFRESH} per view (one point read),
 * so that every instance follows a switch made on another within that time and a restart reads the rebuilt view. A
 * rebuild switches a view here at once and in the document. A view never rebuilt has no document and lives in its
 * first collection.
 */
@Component
public class ViewGenerations {

    /** How long an instance uses the collection it read before reading the document again. */
    public static final Duration REFRESH = Duration.ofSeconds(1);
    static final String COLLECTION = "view_generations";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Generation> active = new ConcurrentHashMap<>();

    public ViewGenerations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * @param view  the view's name (its processor's name)
     * @param first the collection of a view never rebuilt
     * @return the collection readers and the live projection use now
     */
    public String collection(String view, String first) {
        Instant now = clock.instant();
        return active.compute(view, (name, known) -> known != null && known.readAt().plus(REFRESH).isAfter(now)
                ? known : new Generation(stored(name, first), now)).collection();
    }

    /** Points every reader of {@code view} at {@code collection}, from the next read on, and stores it. */
    public void switchTo(String view, String collection) {
        mongo.upsert(Query.query(Criteria.where("_id").is(view)), Update.update("collection", collection), COLLECTION);
        active.put(view, new Generation(collection, clock.instant()));
    }

    private String stored(String view, String first) {
        Document stored = mongo.findById(view, Document.class, COLLECTION);
        return stored == null ? first : stored.getString("collection");
    }

    private record Generation(String collection, Instant readAt) {
    }
}
