package dev.serviceaccounts.query.marketplace;

import dev.serviceaccounts.query.view.ViewGenerations;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code marketplace_apps} collection: one document per registered marketplace app ({@code _id} = app id, its
 * name and registration time). After a rebuild, the collection the rebuild made ({@link ViewGenerations},
 * docs/decisions.md D39).
 */
@Component
public class MarketplaceApps {

    static final String COLLECTION = "marketplace_apps";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The live view, in the collection {@link ViewGenerations} names (the first: {@code marketplace_apps}). */
    @Autowired
    public MarketplaceApps(MongoTemplate mongo, ViewGenerations generations) {
        this(mongo, () -> generations.collection(MarketplaceAppProjection.PROCESSING_GROUP, COLLECTION));
    }

    /** The view in its first collection, {@code marketplace_apps}, never switched. */
    public MarketplaceApps(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The view in the collection {@code collection} names at each read and write. */
    MarketplaceApps(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** @return the app with this id, if it was registered */
    public Optional<MarketplaceAppView> find(String id) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class,
                collection.get())).map(MarketplaceApps::view);
    }

    /**
     * @param after the last app of the previous page (null: from the first)
     * @param limit page size
     * @return the page, ordered by name, then id
     */
    public MarketplaceAppPage findPage(MarketplaceAppPage.After after, int limit) {
        Query query = new Query();
        if (after != null) {
            query.addCriteria(new Criteria().orOperator(Criteria.where("name").gt(after.name()),
                    Criteria.where("name").is(after.name()).and("_id").gt(after.id())));
        }
        query.with(Sort.by("name", "_id")).limit(limit + 1);
        List<MarketplaceAppView> found = mongo.find(query, Document.class, collection.get()).stream()
                .map(MarketplaceApps::view).toList();
        return MarketplaceAppPage.of(found, limit);
    }

    /** Records the app; recording it again changes nothing. */
    void add(String id, String name, Instant registeredAt) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id)),
                Update.update("name", name).set("registeredAt", Date.from(registeredAt)), collection.get());
    }

    void deleteAll() {
        mongo.remove(new Query(), collection.get());
    }

    private static MarketplaceAppView view(Document document) {
        Date registeredAt = document.getDate("registeredAt");
        return new MarketplaceAppView(document.getString("_id"), document.getString("name"),
                registeredAt == null ? null : registeredAt.toInstant());
    }
}
