package dev.serviceaccounts.query.company;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import dev.serviceaccounts.query.view.ViewGenerations;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code companies} collection: one document per company that exists ({@code _id} = company id, its
 * name and its creation time), so that the query side answers 404 for an unknown company id as the command
 * side does, and serves the company reads. After a rebuild, the collection the rebuild made ({@link ViewGenerations},
 * docs/decisions.md D39).
 */
@Component
public class KnownCompanies {

    static final String COLLECTION = "companies";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The live view, in the collection {@link ViewGenerations} names (the first: {@code companies}). */
    @Autowired
    public KnownCompanies(MongoTemplate mongo, ViewGenerations generations) {
        this(mongo, () -> generations.collection(CompanyProjection.PROCESSING_GROUP, COLLECTION));
    }

    /** The view in its first collection, {@code companies}, never switched. */
    public KnownCompanies(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The view in the collection {@code collection} names at each read and write. */
    KnownCompanies(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** @return whether a company with this id was created; false for any malformed id */
    public boolean exists(String companyId) {
        return companyId != null && mongo.exists(Query.query(Criteria.where("_id").is(companyId)), collection.get());
    }

    /** @return the company with this id, if it was created */
    public Optional<CompanyView> find(String companyId) {
        if (companyId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(companyId)), Document.class,
                collection.get())).map(KnownCompanies::view);
    }

    /**
     * @param only  the one company to list (null: all)
     * @param after the last company id of the previous page (null: from the first)
     * @param limit page size
     * @return the page, ordered by company id
     */
    public CompanyPage findPage(String only, String after, int limit) {
        Query query = new Query();
        if (only != null || after != null) {
            Criteria id = Criteria.where("_id");
            if (only != null) {
                id.in(only);
            }
            if (after != null) {
                id.gt(after);
            }
            query.addCriteria(id);
        }
        query.with(Sort.by("_id")).limit(limit + 1);
        List<CompanyView> found = mongo.find(query, Document.class, collection.get()).stream()
                .map(KnownCompanies::view).toList();
        return CompanyPage.of(found, limit);
    }

    /** Records the company; recording it again changes nothing. */
    void add(String companyId, String name, Instant createdAt) {
        mongo.upsert(Query.query(Criteria.where("_id").is(companyId)),
                Update.update("name", name).set("createdAt", Date.from(createdAt)), collection.get());
    }

    void deleteAll() {
        mongo.remove(new Query(), collection.get());
    }

    private static CompanyView view(Document document) {
        Date createdAt = document.getDate("createdAt");
        return new CompanyView(document.getString("_id"), document.getString("name"),
                createdAt == null ? null : createdAt.toInstant());
    }
}
