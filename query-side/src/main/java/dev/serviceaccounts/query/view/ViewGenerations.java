package dev.serviceaccounts.query.view;

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
 * collection, {@code {_id: view, collection}}, read once per view and kept in memory; a rebuild switches a view
 * to the collection it built beside the live one, here and in the document, so a restart reads the rebuilt view.
 * A view never rebuilt has no document and lives in its first collection.
 */
@Component
public class ViewGenerations {

    static final String COLLECTION = "view_generations";

    private final MongoTemplate mongo;
    private final Map<String, String> active = new ConcurrentHashMap<>();

    public ViewGenerations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param view  the view's name (its processor's name)
     * @param first the collection of a view never rebuilt
     * @return the collection readers and the live projection use now
     */
    public String collection(String view, String first) {
        return active.computeIfAbsent(view, name -> {
            Document stored = mongo.findById(name, Document.class, COLLECTION);
            return stored == null ? first : stored.getString("collection");
        });
    }

    /** Points every reader of {@code view} at {@code collection}, from the next read on, and stores it. */
    public void switchTo(String view, String collection) {
        mongo.upsert(Query.query(Criteria.where("_id").is(view)), Update.update("collection", collection), COLLECTION);
        active.put(view, collection);
    }
}
