package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * A collection of the embedded server that answers queries from its indexes (docs/decisions.md D38).
 * mongo-java-server itself serves only equality on all fields of a unique index (and {@code _id}) from an index and
 * scans the collection, deserialising every document, for anything else. This collection keeps a
 * {@link SortedKeyIndex} for every index other than {@code _id} (unique or not, single-field or compound), updated
 * with every write under the collection's lock; built from the documents (all indexes of the collection in one pass)
 * by the first query that could use one after the index was created or the store opened. A query one of them narrows
 * (equality or {@code $in} on leading fields, an array field's element included, a range on the next) or whose sort it
 * gives reads only the candidates, in sort order, and stops at the limit or, when sorted by the index, at the batch
 * (the rest is read as the client asks for it); the full query is still applied to each.
 * The plan whose probes hold the fewest index entries (counted up to a cap) answers; of those that hold as many (at
 * the cap, say), the one that narrows by more conditions, or also gives the sort (docs/decisions.md D56).
 * Results and their order are those of the scan. Other queries scan, as before.
 */
final class IndexedH2Collection extends H2Collection {

    private final Comparator<Object> positionOrder;
    private final Map<String, SortedKeyIndex> sorted = new ConcurrentHashMap<>();
    private final Map<String, SortedKeyIndex> unbuilt = new LinkedHashMap<>();

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.positionOrder = dataMap.getKeyType()::compare;
    }

    @Override
    public synchronized void addIndex(Index<Object> index) {
        super.addIndex(index);
        List<String> fields = index.getKeys().stream().map(IndexKey::getKey).toList();
        if (!fields.equals(List.of(getIdField())) && !sorted.containsKey(index.getName())) {
            unbuilt.putIfAbsent(index.getName(), new SortedKeyIndex(fields, positionOrder));
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
        sorted.remove(indexName);
        unbuilt.remove(indexName);
    }

    /** Builds the indexes added since the last query, all in one pass over the documents. */
    private synchronized void buildIndexes() {
        if (unbuilt.isEmpty()) {
            return;
        }
        List<SortedKeyIndex> building = List.copyOf(unbuilt.values());
        streamAllDocumentsWithPosition().forEach(stored ->
                building.forEach(keys -> keys.stage(stored.getDocument(), stored.getPosition())));
        building.forEach(SortedKeyIndex::addStaged);
        sorted.putAll(unbuilt);
        unbuilt.clear();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object position = super.addDocumentInternal(document);
        sorted.values().forEach(keys -> keys.add(document, position));
        return position;
    }

    @Override
    protected void removeDocument(Object position) {
        Document document = getDocument(position);
        super.removeDocument(position);
        sorted.values().forEach(keys -> keys.remove(document, position));
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        sorted.values().forEach(keys -> {
            keys.remove(oldDocument, position);
            keys.add(newDocument, position);
        });
    }

    @Override
    public synchronized int count(Document query, int skip, int limit) {
        return super.count(query, skip, limit);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Constraints constraints = Constraints.of(query);
        Optional<SortedKeyIndex.Plan> plan = plan(query, constraints, orderBy);
        if (plan.isEmpty()) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Stream<Document> candidates = StreamSupport.stream(plan.get().positions().spliterator(), false)
                .map(this::getDocument)
                .filter(document -> document != null && !constraints.excludes(document));
        boolean lazy = plan.get().sortsAsAsked() && batchSize > 0 && limit >= 0
                && (fieldSelector == null || fieldSelector.isEmpty());
        if (!lazy) {
            return matchDocumentsFromStream(query, candidates, numberToSkip, limit, batchSize,
                    plan.get().sortsAsAsked() ? null : deriveComparator(orderBy), fieldSelector);
        }
        Stream<Document> matching = candidates.filter(document -> documentMatchesQuery(document, query))
                .skip(numberToSkip);
        Iterator<Document> results = (limit > 0 ? matching.limit(limit) : matching).iterator();
        List<Document> firstBatch = take(results, batchSize);
        if (!results.hasNext()) {
            return new QueryResult(firstBatch);
        }
        Cursor cursor = new IndexCursor(cursorRegistry.generateCursorId(), results);
        cursorRegistry.add(cursor);
        return new QueryResult(firstBatch, cursor);
    }

    private static List<Document> take(Iterator<Document> results, int count) {
        List<Document> batch = new ArrayList<>();
        while ((count <= 0 || batch.size() < count) && results.hasNext()) {
            batch.add(results.next());
        }
        return batch;
    }

    /** @return the best plan of the sorted indexes, empty when one of the store's own indexes answers or none helps */
    Optional<SortedKeyIndex.Plan> plan(Document query, Document orderBy) {
        return plan(query, Constraints.of(query), orderBy);
    }

    private Optional<SortedKeyIndex.Plan> plan(Document query, Constraints constraints, Document orderBy) {
        if (isNaturalOrder(orderBy) || getIndexes().stream().anyMatch(index -> index.canHandle(query))) {
            return Optional.empty();
        }
        buildIndexes();
        return SortedKeyIndex.cheapest(sorted.values().stream()
                .map(keys -> keys.plan(constraints, orderBy))
                .flatMap(Optional::stream)
                .toList());
    }

    /**
     * The rest of an indexed query's answer, read from the index as the client asks for it (a query sorted by an
     * index stops at the batch; the scan would match and sort the whole collection first). Reads under the
     * collection's lock; sees the writes made since the query, as a MongoDB cursor may.
     */
    private final class IndexCursor extends AbstractCursor {

        private final Iterator<Document> results;

        IndexCursor(long id, Iterator<Document> results) {
            super(id);
            this.results = results;
        }

        @Override
        public boolean isEmpty() {
            synchronized (IndexedH2Collection.this) {
                return !results.hasNext();
            }
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            synchronized (IndexedH2Collection.this) {
                return take(results, numberToReturn);
            }
        }
    }

    private static boolean isNaturalOrder(Document orderBy) {
        return orderBy != null && orderBy.keySet().stream().anyMatch(key -> key.startsWith("$"));
    }
}
