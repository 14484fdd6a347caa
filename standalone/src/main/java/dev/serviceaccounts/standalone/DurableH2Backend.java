package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend of {@code mongo-java-server}, acknowledging a write command only once the store was
 * committed after it. The plain backend commits on its own schedule (about once a second), so a {@code kill -9} lost
 * the writes of the last second, events that clients had been told were stored among them. Writes that arrive
 * together share one commit ({@link GroupCommit}, docs/decisions.md D40), and no event-loop thread waits for it.
 * The operating system still holds the file's pages after {@code kill -9}; a power cut is another matter, as for any
 * store without fsync per commit.
 *
 * <p>A {@code kill -9} in the middle of a commit leaves a torn chunk at most: MVStore writes each commit as a new chunk
 * whose header and footer carry its id, version and checksum, never over a chunk that a version still in use or
 * one of the last five needs; on opening after an unclean end it takes the newest chunk whose header and
 * footer match and whose referenced chunks are all intact, so a torn chunk is skipped with the commit it held, which
 * no client had been told of (docs/decisions.md D40; {@code EmbeddedMongoKillTests}).
 *
 * <p>The store keeps no chunk for a time (its retention time is 0, docs/decisions.md D62): a chunk none of whose pages
 * is live any more is reused as soon as no version in use needs it. Every command therefore holds the version it
 * started on ({@link MVStore#registerVersionUsage()}) until it ends, so a scan that reads old pages for seconds never
 * finds their chunk overwritten; a chunk is freed only once no command that could read it is running.
 *
 * <p>A {@code find} or {@code getMore} that asks for no batch size is answered in batches of
 * {@value #DEFAULT_BATCH_SIZE} documents, as MongoDB answers in batches (docs/decisions.md D64).
 *
 * <p>Its collections are {@link IndexedH2Collection}s, which answer queries from their indexes (docs/decisions.md
 * D38); the store holds the documents and mongo-java-server's own unique indexes only, as before.
 *
 * <p>Documents are stored as BSON and the unique indexes' keys compared value by value ({@link StoreTypes}); a store
 * written before in Java serialisation is migrated when opened ({@link StoreFormat}, docs/decisions.md D53).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    /**
     * Documents in a reply to a {@code find} or {@code getMore} that asks for no batch size (docs/decisions.md D64).
     * mongo-java-server then answers with every matching document in one reply, which past the driver's 48,000,000
     * bytes fails the query (100,000 token-eligibility entries were 81 MB); MongoDB itself answers in batches.
     */
    static final int DEFAULT_BATCH_SIZE = 1_000;

    private final GroupCommit groupCommit;

    DurableH2Backend(String fileName) {
        super(StoreFormat.open(fileName));
        this.groupCommit = new GroupCommit(getMvStore());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        MVStore store = getMvStore();
        MVStore.TxCounter reading = store.registerVersionUsage();
        try {
            String name = command.toLowerCase(Locale.ROOT);
            if ((name.equals("find") || name.equals("getmore")) && !query.containsKey("batchSize")) {
                query.put("batchSize", DEFAULT_BATCH_SIZE);
            }
            if (WRITE_COMMANDS.contains(name)) {
                return groupCommit.write(channel, () -> super.handleCommand(channel, databaseName, command, query));
            }
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            store.deregisterVersionUsage(reading);
        }
    }

    /** Stops the group commit, then commits and closes the store. */
    @Override
    public void close() {
        groupCommit.close();
        super.close();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getMvStore());
    }

    /**
     * An {@link H2Database} of {@link IndexedH2Collection}s. An inner class: {@link H2Database}'s constructor opens
     * the stored collections, before a field of a subclass is set, and reads the store through the backend then.
     */
    private final class IndexedDatabase extends H2Database {

        IndexedDatabase(String databaseName, MVStore store) {
            super(databaseName, store, getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = StoreFormat.openData(getMvStore(), "databases." + fullName);
            MVMap<String, Object> metaMap = getMvStore().openMap("meta." + fullName);
            return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, getCursorRegistry());
        }

        /** A unique index over a map of {@link StoreTypes} (docs/decisions.md D53). */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            return new StoredUniqueIndex(StoreFormat.openIndex(getMvStore(), mapName), indexName, keys, sparse);
        }

        /** A non-unique index: {@link IndexedH2Collection} orders it; the store holds nothing for it. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new EmptyIndex<>(indexName, keys) {
                @Override
                public boolean isEmpty() {
                    return false; // nothing to build in the store (mongo-java-server would scan twice for nothing)
                }
            };
        }
    }
}
