package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The format of the embedded store's maps, and its migration (docs/decisions.md D53). Format 2 (map
 * {@value #FORMAT_MAP}, key {@value #VERSION} = 2) keeps the data maps ({@code databases.<db>.<collection>}) and the
 * unique indexes ({@code <db>.<collection>._index_<name>}) in {@link StoreTypes}; a store without that entry was
 * written by H2's default type (Java serialisation) and is migrated when opened, before the backend reads it.
 *
 * <p>The migration is crash-safe without holding the whole store in one commit: each old map is copied into a new map
 * named {@value #MIGRATING}{@code <name>} (committed as MVStore sees fit; the old maps stay as they are), then
 * {@value #STATE} = {@value #SWAPPING} is committed, then each old map is dropped and its copy renamed to its name,
 * then the version is set and committed. A kill while copying leaves the old maps and partial copies: the next open
 * drops the copies and starts again. A kill while swapping leaves the state {@value #SWAPPING}: the next open finishes
 * the swap (a name whose copy is still there still holds the old map), which is idempotent. The other maps (the
 * collections' {@code meta.} maps, of strings and longs) are unchanged.
 */
final class StoreFormat {

    static final String FORMAT_MAP = "$format";
    static final String VERSION = "version";
    static final int CURRENT = 2;
    static final String STATE = "state";
    static final String SWAPPING = "swapping";
    static final String MIGRATING = "$migrating.";

    private static final String DATA_PREFIX = "databases.";

    private StoreFormat() {
    }

    /**
     * Opens the store in {@code fileName} and migrates it to the current format. MVStore's defaults, as
     * {@code H2Backend} had, but pages compressed (LZF) and a retention time of 0: a chunk no version in use needs is
     * reused at once (docs/decisions.md D62). A store just migrated is closed with a full compaction (into a new file
     * that replaces the old one by an atomic rename) and opened again: the old maps' chunks are dead, and the file
     * kept them, twice its size.
     *
     * @return the open store, in the current format
     */
    static MVStore open(String fileName) {
        MVStore store = openFile(fileName);
        boolean migrated;
        try {
            migrated = migrate(store);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        if (!migrated) {
            return store;
        }
        store.close(-1);
        OwnerOnlyFiles.file(Path.of(fileName)); // the compacted file is a new one, made with the umask's modes
        return openFile(fileName);
    }

    private static MVStore openFile(String fileName) {
        MVStore store = new MVStore.Builder().fileName(fileName).compress().open();
        store.setRetentionTime(0);
        return store;
    }

    /**
     * Brings {@code store} to the current format.
     *
     * @return whether it migrated a map (false when the store was in the current format, or new)
     */
    static boolean migrate(MVStore store) {
        MVMap<String, Object> format = store.openMap(FORMAT_MAP);
        if (Integer.valueOf(CURRENT).equals(format.get(VERSION))) {
            return false;
        }
        if (!SWAPPING.equals(format.get(STATE))) {
            copyAll(store);
        }
        List<String> copies = copies(store);
        copies.forEach(copy -> swap(store, copy));
        format.remove(STATE);
        format.put(VERSION, CURRENT);
        store.commit();
        return !copies.isEmpty();
    }

    /** The first step: drops the copies of an earlier attempt, copies every old map, commits state swapping. */
    static void copyAll(MVStore store) {
        copies(store).forEach(store::removeMap);
        for (String name : store.getMapNames().stream().filter(name -> isData(name) || isIndex(name)).toList()) {
            copy(store, name);
        }
        store.<String, Object>openMap(FORMAT_MAP).put(STATE, SWAPPING);
        store.commit();
    }

    /** One map of the second step: drops the old map (if still there) and gives the {@code copy} its name. */
    static void swap(MVStore store, String copy) {
        String name = copy.substring(MIGRATING.length());
        if (store.hasMap(name)) {
            store.removeMap(name);
        }
        store.renameMap(open(store, copy, name), name);
    }

    /** @return the names of the copies the migration made */
    static List<String> copies(MVStore store) {
        return store.getMapNames().stream().filter(name -> name.startsWith(MIGRATING)).toList();
    }

    private static void copy(MVStore store, String name) {
        MVMap<Object, Object> old = store.openMap(name);
        @SuppressWarnings("unchecked")
        MVMap<Object, Object> copy = (MVMap<Object, Object>) open(store, MIGRATING + name, name);
        Cursor<Object, Object> entries = old.cursor(null);
        while (entries.hasNext()) {
            Object key = entries.next();
            copy.put(key, entries.getValue());
        }
        store.commit();
    }

    private static MVMap<?, ?> open(MVStore store, String mapName, String kindOf) {
        return isData(kindOf) ? openData(store, mapName) : openIndex(store, mapName);
    }

    /** @return the data map {@code name}: positions to documents */
    static MVMap<Object, Document> openData(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Document>()
                .keyType(StoreTypes.POSITIONS).valueType(StoreTypes.DOCUMENTS));
    }

    /** @return the unique index map {@code name}: keys to positions */
    static MVMap<KeyValue, Object> openIndex(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>()
                .keyType(StoreTypes.INDEX_KEYS).valueType(StoreTypes.POSITIONS));
    }

    private static boolean isData(String name) {
        return name.startsWith(DATA_PREFIX);
    }

    /** mongo-java-server names a unique index's map {@code <db>.<collection>._index_<name>}. */
    private static boolean isIndex(String name) {
        return !isData(name) && !name.startsWith("meta.") && !name.startsWith("$") && name.contains("._index_");
    }
}
