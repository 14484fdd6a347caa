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
 * The H2 MVStore backend of {@code mongo-java-server}, committing the store after every write command
 * before it is acknowledged. The plain backend commits on its own schedule (about once a second), so a
 * {@code kill -9} lost the writes of the last second, events that clients had been told were stored
 * among them. Committing per write makes every acknowledged write survive the process being killed
 * (the operating system still holds the file's pages; a power cut is another matter, as for any store
 * without fsync per commit).
 *
 * <p>Its collections are {@link IndexedH2Collection}s, which answer queries from their indexes (docs/decisions.md
 * D38); the store holds the documents and mongo-java-server's own unique indexes only, as before.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document result = super.handleCommand(channel, databaseName, command, query);
        if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return result;
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
            MVMap<Object, Document> dataMap = getMvStore().openMap("databases." + fullName);
            MVMap<String, Object> metaMap = getMvStore().openMap("meta." + fullName);
            return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, getCursorRegistry());
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
