package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The MVStore types of the embedded store's maps (docs/decisions.md D53): documents as BSON, positions (the data
 * maps' keys, the {@code _id} values, and the unique indexes' values) and unique-index keys as tagged BSON values.
 * H2's default type Java-serialised each document on every page write and deserialised it on every page read, and
 * compared the unique indexes' keys ({@link KeyValue}, not {@code Comparable}) by Java-serialising both on every
 * B-tree comparison; these types do neither.
 *
 * <p>Format: a document is one BSON document ({@link BsonEncoder}, as on the wire: every value type mongo-java-server
 * receives round-trips; a date keeps milliseconds, as in MongoDB). A value is one tag byte, the BSON type, then the
 * BSON value; tag {@value #MISSING} is mongo-java-server's {@link Missing} and tag {@value #INSTANT} an
 * {@link Instant} to the nanosecond (a key must read back equal to what was put). An index key is its number of
 * values (var-int), then each value.
 */
final class StoreTypes {

    /** Documents of a data map. */
    static final DataType<Document> DOCUMENTS = new DocumentType();
    /** Positions: the keys of a data map ({@code _id} values or {@link Missing}), the values of a unique index. */
    static final DataType<Object> POSITIONS = new PositionType();
    /** Keys of a unique index, ordered by {@link #compareValues}. */
    static final DataType<KeyValue> INDEX_KEYS = new IndexKeyType();

    static final byte MISSING = 0x00;
    static final byte INSTANT = 0x70;

    private StoreTypes() {
    }

    /** One BSON document per value. */
    private static final class DocumentType extends BasicDataType<Document> {

        @Override
        public int getMemory(Document document) {
            return memory(document);
        }

        @Override
        public void write(WriteBuffer buff, Document document) {
            write(buff, new Document[] {document}, 1);
        }

        @Override
        public void write(WriteBuffer buff, Object storage, int len) {
            Document[] documents = cast(storage);
            ByteBuf out = Unpooled.buffer(len * 256);
            for (int i = 0; i < len; i++) {
                BsonEncoder.encodeDocument(documents[i], out);
            }
            buff.put(out.array(), out.arrayOffset(), out.writerIndex());
        }

        @Override
        public Document read(ByteBuffer buff) {
            Document[] one = new Document[1];
            read(buff, one, 1);
            return one[0];
        }

        @Override
        public void read(ByteBuffer buff, Object storage, int len) {
            Document[] documents = cast(storage);
            ByteBuf in = Unpooled.wrappedBuffer(buff);
            for (int i = 0; i < len; i++) {
                documents[i] = BsonDecoder.decodeBson(in);
            }
            buff.position(buff.position() + in.readerIndex());
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** A tagged value; ordered as H2's default type orders it, so a scan reads documents in the order it did. */
    private static final class PositionType extends BasicDataType<Object> {

        private final ObjectDataType order = new ObjectDataType();

        @Override
        public int compare(Object a, Object b) {
            return order.compare(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return memory(value);
        }

        @Override
        public void write(WriteBuffer buff, Object value) {
            write(buff, new Object[] {value}, 1);
        }

        @Override
        public void write(WriteBuffer buff, Object storage, int len) {
            Object[] values = cast(storage);
            ByteBuf out = Unpooled.buffer(len * 16);
            for (int i = 0; i < len; i++) {
                writeValue(values[i], out);
            }
            buff.put(out.array(), out.arrayOffset(), out.writerIndex());
        }

        @Override
        public Object read(ByteBuffer buff) {
            Object[] one = new Object[1];
            read(buff, one, 1);
            return one[0];
        }

        @Override
        public void read(ByteBuffer buff, Object storage, int len) {
            Object[] values = cast(storage);
            ByteBuf in = Unpooled.wrappedBuffer(buff);
            for (int i = 0; i < len; i++) {
                values[i] = readValue(in);
            }
            buff.position(buff.position() + in.readerIndex());
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** The values of a unique index's key, compared value by value ({@link #compareValues}), never serialised. */
    private static final class IndexKeyType extends BasicDataType<KeyValue> {

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                int c = compareValues(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 48 + 8 * key.size();
            for (Object value : key) {
                memory += memory(value);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buff, KeyValue key) {
            write(buff, new KeyValue[] {key}, 1);
        }

        @Override
        public void write(WriteBuffer buff, Object storage, int len) {
            KeyValue[] keys = cast(storage);
            ByteBuf out = Unpooled.buffer(len * 32);
            for (int i = 0; i < len; i++) {
                writeVarInt(keys[i].size(), out);
                for (Object value : keys[i]) {
                    writeValue(value, out);
                }
            }
            buff.put(out.array(), out.arrayOffset(), out.writerIndex());
        }

        @Override
        public KeyValue read(ByteBuffer buff) {
            KeyValue[] one = new KeyValue[1];
            read(buff, one, 1);
            return one[0];
        }

        @Override
        public void read(ByteBuffer buff, Object storage, int len) {
            KeyValue[] keys = cast(storage);
            ByteBuf in = Unpooled.wrappedBuffer(buff);
            for (int i = 0; i < len; i++) {
                int size = readVarInt(in);
                List<Object> values = new ArrayList<>(size);
                for (int v = 0; v < size; v++) {
                    values.add(readValue(in));
                }
                keys[i] = new KeyValue(values);
            }
            buff.position(buff.position() + in.readerIndex());
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /** Writes {@code value}: its tag, then its BSON value. */
    static void writeValue(Object value, ByteBuf out) {
        if (value instanceof Missing) {
            out.writeByte(MISSING);
        } else if (value instanceof Instant instant) {
            out.writeByte(INSTANT);
            out.writeLongLE(instant.getEpochSecond());
            out.writeIntLE(instant.getNano());
        } else {
            byte type = BsonEncoder.determineType(value);
            out.writeByte(type);
            BsonEncoder.encodeValue(type, value, out);
        }
    }

    /** @return the value {@link #writeValue} wrote at {@code in}'s reader index */
    static Object readValue(ByteBuf in) {
        byte type = in.readByte();
        if (type == MISSING) {
            return Missing.getInstance();
        }
        if (type == INSTANT) {
            return Instant.ofEpochSecond(in.readLongLE(), in.readIntLE());
        }
        return BsonDecoder.decodeValue(type, in);
    }

    private static void writeVarInt(int value, ByteBuf out) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.writeByte(rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    private static int readVarInt(ByteBuf in) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = in.readByte();
            value |= (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
        }
    }

    /**
     * The order of a unique index's values: by BSON type (null and {@link Missing} first), then by value within the
     * type; documents field by field (name, then value) in their order, arrays element by element. Two values compare
     * equal exactly when their serialised forms were equal, as H2's default type compared them: an index's key values
     * are normalised by mongo-java-server ({@code 1}, {@code 1L} and {@code 1.0} are all the double {@code 1.0}), so
     * this is the uniqueness and the lookups of before. Not {@code ValueComparator}: that compares arrays inside
     * documents by their smallest element (so {@code {a: [1, 2]}} would equal {@code {a: [1, 3]}}) and cannot compare
     * some types at all.
     */
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int typeA = rank(a);
        int typeB = rank(b);
        if (typeA != typeB) {
            return Integer.compare(typeA, typeB);
        }
        if (a == null || a instanceof Missing) {
            return 0;
        }
        if (a instanceof String first) {
            return first.compareTo((String) b);
        }
        if (a instanceof Double first) {
            return Double.compare(first, (Double) b);
        }
        if (a instanceof Integer first) {
            return Integer.compare(first, (Integer) b);
        }
        if (a instanceof Long first) {
            return Long.compare(first, (Long) b);
        }
        if (a instanceof Boolean first) {
            return Boolean.compare(first, (Boolean) b);
        }
        if (a instanceof ObjectId first) {
            return first.compareTo((ObjectId) b);
        }
        if (a instanceof Instant first) {
            return first.compareTo((Instant) b);
        }
        if (a instanceof Map<?, ?> first) {
            return compareDocuments(first, (Map<?, ?>) b);
        }
        if (a instanceof Collection<?> first) {
            return compareSequences(first.iterator(), ((Collection<?>) b).iterator());
        }
        return compareEncoded(a, b);
    }

    private static int rank(Object value) {
        if (value == null || value instanceof Missing) {
            return -1;
        }
        return value instanceof Instant ? INSTANT : BsonEncoder.determineType(value) & 0xFF;
    }

    private static int compareDocuments(Map<?, ?> a, Map<?, ?> b) {
        Iterator<? extends Map.Entry<?, ?>> first = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> second = b.entrySet().iterator();
        while (first.hasNext() && second.hasNext()) {
            Map.Entry<?, ?> x = first.next();
            Map.Entry<?, ?> y = second.next();
            int c = ((String) x.getKey()).compareTo((String) y.getKey());
            if (c == 0) {
                c = compareValues(x.getValue(), y.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(first.hasNext(), second.hasNext());
    }

    private static int compareSequences(Iterator<?> first, Iterator<?> second) {
        while (first.hasNext() && second.hasNext()) {
            int c = compareValues(first.next(), second.next());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(first.hasNext(), second.hasNext());
    }

    /** Values of the rarer types (binaries, UUIDs, decimals, timestamps, ...): by their bytes. */
    private static int compareEncoded(Object a, Object b) {
        ByteBuf first = Unpooled.buffer(32);
        ByteBuf second = Unpooled.buffer(32);
        writeValue(a, first);
        writeValue(b, second);
        return first.compareTo(second);
    }

    /** @return an estimate of the heap {@code value} holds, in bytes (Java 17, compressed references) */
    static int memory(Object value) {
        if (value == null || value instanceof Missing || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof String string) {
            return 40 + string.length();
        }
        if (value instanceof Integer || value instanceof Double) {
            return 16;
        }
        if (value instanceof Long || value instanceof Instant) {
            return 24;
        }
        if (value instanceof ObjectId) {
            return 16 + 16 + BsonConstants.LENGTH_OBJECTID;
        }
        if (value instanceof BinData binary) {
            return 16 + 16 + binary.getData().length; // as 64, six 10 KiB tracking tokens shared a leaf (D62)
        }
        if (value instanceof Map<?, ?> document) {
            int memory = 16 + 56 + 16 * document.size();
            for (Map.Entry<?, ?> entry : document.entrySet()) {
                memory += 40 + memory(entry.getKey()) + memory(entry.getValue());
            }
            return memory;
        }
        if (value instanceof Collection<?> values) {
            int memory = 24 + 16 + 4 * values.size();
            for (Object element : values) {
                memory += memory(element);
            }
            return memory;
        }
        return 64;
    }
}
