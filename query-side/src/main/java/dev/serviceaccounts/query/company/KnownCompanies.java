package dev.serviceaccounts.query.company;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code companies} collection: one document per company that exists ({@code _id} = company id, and its
 * name), so that the query side answers 404 for an unknown company id as the command side does.
 */
@Component
public class KnownCompanies {

    static final String COLLECTION = "companies";

    private final MongoTemplate mongo;

    public KnownCompanies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return whether a company with this id was created; false for any malformed id */
    public boolean exists(String companyId) {
        return companyId != null && mongo.exists(Query.query(Criteria.where("_id").is(companyId)), COLLECTION);
    }

    /** Records the company; recording it again changes nothing. */
    void add(String companyId, String name) {
        mongo.upsert(Query.query(Criteria.where("_id").is(companyId)), Update.update("name", name), COLLECTION);
    }

    void deleteAll() {
        mongo.remove(new Query(), COLLECTION);
    }
}
