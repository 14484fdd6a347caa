package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The {@code service_accounts} collection of {@link ServiceAccountView} documents ({@code _id} = account id). */
@Component
public class ServiceAccountViews {

    static final String COLLECTION = "service_accounts";

    private final MongoTemplate mongo;

    public ServiceAccountViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return the view of this account */
    public Optional<ServiceAccountView> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ServiceAccountView.class, COLLECTION));
    }

    /** @return the account with this {@code client_id} */
    public Optional<ServiceAccountView> findByClientId(String clientId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("clientId").is(clientId)),
                ServiceAccountView.class, COLLECTION));
    }

    /** @return the company's accounts, oldest first */
    public List<ServiceAccountView> findByCompany(String companyId) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId))
                .with(Sort.by("createdAt", "_id")), ServiceAccountView.class, COLLECTION);
    }

    void save(ServiceAccountView view) {
        mongo.save(view, COLLECTION);
    }

    void deleteAll() {
        mongo.remove(new Query(), COLLECTION);
    }
}
