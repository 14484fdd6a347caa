package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.time.Instant;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.serviceaccounts.query.view.BatchedDocuments;
import dev.serviceaccounts.query.view.ViewBatch;
import dev.serviceaccounts.query.view.ViewGenerations;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code service_accounts} collection of {@link ServiceAccountView} documents ({@code _id} = account id),
 * indexed by {@code clientId} and by company in list order ({@code createdAt}, then id); after a rebuild, the
 * collection the rebuild made ({@link ViewGenerations}, docs/decisions.md D39). The access policy
 * finds its callers here ({@code query.security.ViewCallerAccounts}).
 */
@Component
public class ServiceAccountViews {

    static final String COLLECTION = "service_accounts";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The live view, in the collection {@link ViewGenerations} names (the first: {@code service_accounts}). */
    @Autowired
    public ServiceAccountViews(MongoTemplate mongo, ViewGenerations generations) {
        this(mongo, () -> generations.collection(ServiceAccountProjection.PROCESSING_GROUP, COLLECTION));
    }

    /** The view in its first collection, {@code service_accounts}, never switched. */
    public ServiceAccountViews(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The view in the collection {@code collection} names at each read and write. */
    ServiceAccountViews(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
        ensureIndexes(mongo, collection.get());
    }

    static void ensureIndexes(MongoTemplate mongo, String collection) {
        mongo.indexOps(collection).ensureIndex(new Index().on("clientId", Sort.Direction.ASC));
        mongo.indexOps(collection).ensureIndex(new Index().on("companyId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
    }

    /** @return the view of this account */
    public Optional<ServiceAccountView> find(String id) {
        String name = collection.get();
        Supplier<Optional<ServiceAccountView>> stored =
                () -> Optional.ofNullable(mongo.findById(id, ServiceAccountView.class, name));
        return batch(name).map(documents -> documents.find(id, ServiceAccountView.class, stored)).orElseGet(stored);
    }

    /** @return the account with this {@code client_id} */
    public Optional<ServiceAccountView> findByClientId(String clientId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("clientId").is(clientId)),
                ServiceAccountView.class, collection.get()));
    }

    /**
     * @return one page of the company's accounts that match the query's filters, oldest first (then by
     *         id), after its cursor; {@code nextCursor} is set when more items exist
     */
    public ServiceAccountPage findPage(String companyId, ServiceAccountListQuery query) {
        Query mongoQuery = new Query(Criteria.where("companyId").is(companyId))
                .with(Sort.by("createdAt", "_id")).limit(query.limit() + 1);
        if (query.status() != null) {
            mongoQuery.addCriteria(Criteria.where("status").is(query.status()));
        }
        if (query.appType() != null) {
            mongoQuery.addCriteria(Criteria.where("appType").is(query.appType()));
        }
        if (query.usable() != null) {
            mongoQuery.addCriteria(Criteria.where("usable").is(query.usable()));
        }
        if (query.namePrefix() != null) {
            mongoQuery.addCriteria(Criteria.where("name").regex(
                    Pattern.compile("^" + Pattern.quote(query.namePrefix()), Pattern.CASE_INSENSITIVE)));
        }
        if (query.after() != null) {
            mongoQuery.addCriteria(after(query.after()));
        }
        List<ServiceAccountView> found = mongo.find(mongoQuery, ServiceAccountView.class, collection.get());
        return ServiceAccountPage.of(found, query.limit());
    }

    /**
     * The accounts the list at an instant considers (docs/decisions.md D33): the view keeps every account, a deleted
     * one with status DELETED, and an account's company and {@code createdAt} never change, so these are all the
     * company's accounts that can have existed at {@code createdBy}.
     *
     * @param after the cursor of the previous page; null for the first
     * @return the ids of the company's accounts created at or before {@code createdBy}, in list order, after
     *         {@code after}; read lazily, the caller closes the stream
     */
    Stream<String> idsCreatedBy(String companyId, Instant createdBy, PageCursor after) {
        Query mongoQuery = new Query(Criteria.where("companyId").is(companyId)
                .and("createdAt").lte(Date.from(createdBy))).with(Sort.by("createdAt", "_id"));
        mongoQuery.fields().include("_id");
        if (after != null) {
            mongoQuery.addCriteria(after(after));
        }
        return mongo.stream(mongoQuery, Document.class, collection.get()).map(document -> document.getString("_id"));
    }

    /** Saves the view, at the end of the processor's batch when there is one ({@link ViewBatch}). */
    void save(ServiceAccountView view) {
        String name = collection.get();
        batch(name).ifPresentOrElse(documents -> documents.save(view.id(), view), () -> mongo.save(view, name));
    }

    /** The batch's writes, holding from the start the views of the batch's accounts (one query). */
    private Optional<BatchedDocuments> batch(String name) {
        return ViewBatch.part(name, payloads -> new BatchedDocuments(mongo, name).read(payloads.stream()
                .map(AccountState::accountId).filter(Objects::nonNull).collect(Collectors.toSet()),
                ServiceAccountView.class, ServiceAccountView::id));
    }

    void deleteAll() {
        mongo.remove(new Query(), collection.get());
    }

    private static Criteria after(PageCursor cursor) {
        Date createdAt = Date.from(cursor.createdAt());
        return new Criteria().orOperator(
                Criteria.where("createdAt").gt(createdAt),
                Criteria.where("createdAt").is(createdAt).and("_id").gt(cursor.id()));
    }
}
