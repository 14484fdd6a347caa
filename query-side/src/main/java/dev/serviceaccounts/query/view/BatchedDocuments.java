package dev.serviceaccounts.query.view;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The documents one batch saved into one collection ({@link ViewBatch.Part}), by {@code _id} and, where the view is
 * also looked up by another unique field, by that; {@link #flush()} replaces (or inserts) each by {@code _id} in one
 * unordered bulk write, as {@code MongoTemplate.save} would one by one. The documents a batch will look up can be
 * read at its start in one query ({@link #read}, {@link #readByKey}). What it wrote, and what it read, it goes on
 * answering for the rest of the batch (a batch may be flushed before its end: its last event delivered twice).
 */
public final class BatchedDocuments implements ViewBatch.Part {

    private final MongoTemplate mongo;
    private final String collection;
    private final Map<Object, Object> byId = new LinkedHashMap<>();
    private final Map<String, Object> idByKey = new HashMap<>();
    private final Map<Object, Object> read = new HashMap<>();
    private final Map<String, Object> readIdByKey = new HashMap<>();

    /** Documents of {@code collection}, written through {@code mongo}'s converter. */
    public BatchedDocuments(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /**
     * Reads the documents with these ids in one query, so that {@link #find} answers for them (also that one is
     * absent) without a query of its own.
     *
     * @param idOf the {@code _id} of a document read
     * @return this
     */
    public <T> BatchedDocuments read(Collection<?> ids, Class<T> type, Function<T, Object> idOf) {
        if (!ids.isEmpty()) {
            ids.forEach(id -> read.put(id, null));
            mongo.find(Query.query(Criteria.where("_id").in(ids)), type, collection)
                    .forEach(document -> read.put(idOf.apply(document), document));
        }
        return this;
    }

    /**
     * Reads the documents whose {@code field} (a unique lookup key, e.g. the account a view entry belongs to) is one
     * of {@code keys} in one query, so that {@link #findByKey} answers for them (also that one is absent) without a
     * query of its own (docs/decisions.md D54).
     *
     * @param idOf  the {@code _id} of a document read
     * @param keyOf the value of {@code field} in a document read
     * @return this
     */
    public <T> BatchedDocuments readByKey(String field, Collection<String> keys, Class<T> type,
                                         Function<T, Object> idOf, Function<T, String> keyOf) {
        if (!keys.isEmpty()) {
            keys.forEach(key -> readIdByKey.put(key, null));
            mongo.find(Query.query(Criteria.where(field).in(keys)), type, collection).forEach(document -> {
                String key = keyOf.apply(document);
                if (readIdByKey.get(key) == null) { // the first document of a key, as a findOne would answer
                    Object id = idOf.apply(document);
                    readIdByKey.put(key, id);
                    read.put(id, document);
                }
            });
        }
        return this;
    }

    /**
     * @param stored reads the document from the collection, when this batch neither saved nor read it
     * @return the document with this {@code _id} as this batch saved or read it
     */
    public <T> Optional<T> find(Object id, Class<T> type, Supplier<Optional<T>> stored) {
        if (byId.containsKey(id)) {
            return Optional.of(type.cast(byId.get(id)));
        }
        return read.containsKey(id) ? Optional.ofNullable(read.get(id)).map(type::cast) : stored.get();
    }

    /**
     * @param stored reads the document from the collection, when this batch saved none under {@code key}
     * @return the document saved in this batch under this lookup key ({@link #save(Object, String, Object)})
     */
    public <T> Optional<T> findByKey(String key, Class<T> type, Supplier<Optional<T>> stored) {
        Object id = idByKey.get(key);
        if (id != null) {
            return Optional.of(type.cast(byId.get(id)));
        }
        if (!readIdByKey.containsKey(key)) {
            return stored.get();
        }
        Object readId = readIdByKey.get(key);
        return readId == null ? Optional.empty() : find(readId, type, stored);
    }

    /** Keeps {@code document} (with this {@code _id}) for the batch's end, found again by its id. */
    public void save(Object id, Object document) {
        save(id, null, document);
    }

    /** Keeps {@code document} for the batch's end, found again by its id and by {@code key} (when not null). */
    public void save(Object id, String key, Object document) {
        byId.put(id, document);
        if (key != null) {
            idByKey.put(key, id);
        }
    }

    @Override
    public void flush() {
        if (byId.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byId.size());
        byId.forEach((id, entity) -> {
            Document document = new Document();
            mongo.getConverter().write(entity, document);
            writes.add(new ReplaceOneModel<>(new Document("_id", document.get("_id")), document,
                    new ReplaceOptions().upsert(true)));
        });
        mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        read.putAll(byId);
        readIdByKey.putAll(idByKey);
        byId.clear();
        idByKey.clear();
    }
}
