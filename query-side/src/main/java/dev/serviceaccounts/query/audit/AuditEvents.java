package dev.serviceaccounts.query.audit;

import dev.serviceaccounts.query.view.ViewBatch;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import dev.serviceaccounts.query.view.ViewGenerations;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code audit_events} collection of {@link AuditEntry} documents ({@code _id} = event identifier), in the
 * order of their unique {@code sortKey}, indexed for each filter of the history: by company, by company and
 * actor, by company and type, and by aggregate (an aggregate's entries belong to one or two companies, so the
 * aggregate narrows at least as well as the company) (docs/decisions.md D32). After a rebuild, the collection the
 * rebuild made, whose sort keys its own one writer handed out from 1 ({@link ViewGenerations}, D39).
 */
@Component
public class AuditEvents {

    static final String COLLECTION = "audit_events";
    private static final String SORT_KEY = "sortKey";
    private static final String COMPANIES = "companyIds";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The live history, in the collection {@link ViewGenerations} names (the first: {@code audit_events}). */
    @Autowired
    public AuditEvents(MongoTemplate mongo, ViewGenerations generations) {
        this(mongo, () -> generations.collection(AuditProjection.PROCESSING_GROUP, COLLECTION));
    }

    /** The history in its first collection, {@code audit_events}, never switched. */
    public AuditEvents(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The history in the collection {@code collection} names at each read and write; its indexes made there. */
    AuditEvents(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
        mongo.indexOps(collection.get()).ensureIndex(new Index().on(SORT_KEY, Sort.Direction.ASC).unique());
        mongo.indexOps(collection.get()).ensureIndex(new Index().on(COMPANIES, Sort.Direction.ASC)
                .on(SORT_KEY, Sort.Direction.ASC));
        mongo.indexOps(collection.get()).ensureIndex(new Index().on(COMPANIES, Sort.Direction.ASC)
                .on("actor", Sort.Direction.ASC).on(SORT_KEY, Sort.Direction.ASC));
        mongo.indexOps(collection.get()).ensureIndex(new Index().on(COMPANIES, Sort.Direction.ASC)
                .on("type", Sort.Direction.ASC).on(SORT_KEY, Sort.Direction.ASC));
        mongo.indexOps(collection.get()).ensureIndex(new Index().on("aggregateId", Sort.Direction.ASC)
                .on(SORT_KEY, Sort.Direction.ASC));
    }

    /** @return the highest sort key written, 0 when none */
    long lastSortKey() {
        Query last = new Query().with(Sort.by(Sort.Direction.DESC, SORT_KEY)).limit(1);
        last.fields().include(SORT_KEY);
        AuditEntry found = mongo.findOne(last, AuditEntry.class, collection.get());
        return found == null ? 0 : found.sortKey();
    }

    /**
     * Writes {@code entry} (its sort key ignored) with the next sort key after the highest written, unless an entry of
     * its event exists. In a processor's batch ({@link ViewBatch}) the batch's entries are written at its end, in
     * their order, with one query for those written already and one insert.
     *
     * @throws DuplicateKeyException when a sort key was taken by another writer (then the event is retried)
     */
    void append(AuditEntry entry) {
        ViewBatch.part(collection.get(), Appends::new).ifPresentOrElse(appends -> appends.add(entry),
                () -> record(entry.withSortKey(lastSortKey() + 1)));
    }

    /**
     * Writes {@code entry} unless an entry of its event exists.
     *
     * @return false when the event was already written
     * @throws DuplicateKeyException when its sort key was taken by another writer (then the event is retried)
     */
    boolean record(AuditEntry entry) {
        try {
            mongo.insert(entry, collection.get());
            return true;
        } catch (DuplicateKeyException e) {
            if (anyMatches(Query.query(Criteria.where("_id").is(entry.eventId())))) {
                return false;
            }
            throw e;
        }
    }

    /** @return the companies of the aggregate's first entry: the company that owns the aggregate */
    Optional<List<String>> companiesOf(String aggregateId) {
        Optional<List<String>> stored = storedCompaniesOf(aggregateId);
        return stored.isPresent() ? stored : ViewBatch.part(collection.get(), Appends::new)
                .flatMap(appends -> appends.companiesOf(aggregateId));
    }

    private Optional<List<String>> storedCompaniesOf(String aggregateId) {
        Query first = Query.query(Criteria.where("aggregateId").is(aggregateId))
                .with(Sort.by(SORT_KEY)).limit(1);
        return Optional.ofNullable(mongo.findOne(first, AuditEntry.class, collection.get())).map(AuditEntry::companyIds);
    }

    /**
     * Asked for the oldest such entry: the {@code (aggregateId, sortKey)} index then finds an account's creation,
     * its first entry, at the first entry it reads (docs/decisions.md D56).
     *
     * @return whether the company sees an entry of this type and aggregate
     */
    public boolean exists(String companyId, String aggregateId, String type) {
        return anyMatches(Query.query(Criteria.where("aggregateId").is(aggregateId).and(COMPANIES).is(companyId)
                .and("type").is(type)).with(Sort.by(SORT_KEY)));
    }

    /**
     * Whether an entry matches, read as a find of one {@code _id}: {@code MongoTemplate.exists} counts through an
     * aggregation, which the embedded server answers by reading the whole collection, without its indexes (about a
     * minute a call at 1,000,000 entries; docs/decisions.md D52). A MongoDB serves both from the same index.
     */
    private boolean anyMatches(Query query) {
        query.fields().include("_id");
        return mongo.findOne(query.limit(1), Document.class, collection.get()) != null;
    }

    /** @return one page of the company's entries that match {@code query}, in its order, after its cursor */
    public AuditPage findPage(String companyId, AuditQuery query) {
        List<AuditEntry> found = mongo.find(mongoQuery(companyId, query).limit(query.limit() + 1), AuditEntry.class,
                collection.get());
        return AuditPage.of(found, query.limit());
    }

    /**
     * @return every entry of the company that matches {@code query}, in its order, after its cursor, read from a
     *         database cursor as the stream is consumed (its {@code limit} ignored); close it
     */
    public Stream<AuditEntry> stream(String companyId, AuditQuery query) {
        return mongo.stream(mongoQuery(companyId, query).cursorBatchSize(1_000), AuditEntry.class, collection.get());
    }

    void deleteAll() {
        mongo.remove(new Query(), collection.get());
    }

    /** A batch's entries, written by {@link #flush()} after the highest sort key, in their order. */
    private final class Appends implements ViewBatch.Part {

        private final Map<String, AuditEntry> entries = new LinkedHashMap<>();

        void add(AuditEntry entry) {
            entries.putIfAbsent(entry.eventId(), entry);
        }

        /** @return the companies of the aggregate's first entry in this batch */
        Optional<List<String>> companiesOf(String aggregateId) {
            return entries.values().stream().filter(entry -> aggregateId.equals(entry.aggregateId())).findFirst()
                    .map(AuditEntry::companyIds);
        }

        @Override
        public void flush() {
            if (entries.isEmpty()) {
                return;
            }
            Query written = Query.query(Criteria.where("_id").in(entries.keySet()));
            written.fields().include("_id");
            mongo.find(written, Document.class, collection.get()).forEach(document -> entries.remove(document.getString("_id")));
            long key = lastSortKey();
            List<AuditEntry> keyed = new ArrayList<>(entries.size());
            for (AuditEntry entry : entries.values()) {
                keyed.add(entry.withSortKey(++key));
            }
            if (!keyed.isEmpty()) {
                mongo.insert(keyed, collection.get());
            }
            entries.clear();
        }
    }

    private static Query mongoQuery(String companyId, AuditQuery query) {
        boolean newest = query.order() == AuditQuery.Order.NEWEST;
        Query mongoQuery = new Query(Criteria.where(COMPANIES).is(companyId))
                .with(Sort.by(newest ? Sort.Direction.DESC : Sort.Direction.ASC, SORT_KEY));
        if (query.aggregateId() != null) {
            mongoQuery.addCriteria(Criteria.where("aggregateId").is(query.aggregateId()));
        }
        if (query.actor() != null) {
            mongoQuery.addCriteria(Criteria.where("actor").is(query.actor()));
        }
        if (!query.types().isEmpty()) {
            mongoQuery.addCriteria(Criteria.where("type").in(query.types()));
        }
        if (query.from() != null || query.to() != null) {
            Criteria time = Criteria.where("time");
            if (query.from() != null) {
                time = time.gte(Date.from(query.from()));
            }
            if (query.to() != null) {
                time = time.lt(Date.from(query.to()));
            }
            mongoQuery.addCriteria(time);
        }
        if (query.after() != null) {
            long key = query.after().sortKey();
            mongoQuery.addCriteria(newest ? Criteria.where(SORT_KEY).lt(key) : Criteria.where(SORT_KEY).gt(key));
        }
        return mongoQuery;
    }
}
