package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.junit.jupiter.api.Test;

/** docs/decisions.md D53: the store's types round-trip every value and order index keys as before. */
class StoreTypesTests {

    @Test
    void whenDocumentsOfEveryValueTypeAreWrittenThenTheyReadBackEqual() {
        Document nested = new Document("a", 1).append("list", List.of(1L, "two", new Document("three", 3.0)));
        Document every = new Document("_id", new ObjectId())
                .append("string", "välue ✓ 😀").append("int", 42).append("long", 1L << 40).append("double", 2.5)
                .append("negativeZero", -0.0).append("true", true).append("false", false).append("null", null)
                .append("date", Instant.ofEpochMilli(1_780_000_000_123L))
                .append("binary", new BinData(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", UUID.randomUUID()).append("legacyUuid", new LegacyUUID(UUID.randomUUID()))
                .append("decimal", new Decimal128(new BigDecimal("12345.6789")))
                .append("timestamp", new BsonTimestamp(7_000_000_000L)).append("min", MinKey.getInstance())
                .append("max", MaxKey.getInstance())
                .append("code", new BsonJavaScript("function() {}")).append("nested", nested)
                .append("emptyDocument", new Document()).append("emptyList", List.of())
                .append("listOfLists", List.of(List.of(1, 2), List.of()));
        List<Document> documents = List.of(every, new Document("_id", "plain"), nested);

        List<Document> read = roundTrip(StoreTypes.DOCUMENTS, documents);

        assertThat(read).isEqualTo(documents);
        assertThat(read.get(0).get("int")).isInstanceOf(Integer.class);
        assertThat(read.get(0).get("long")).isInstanceOf(Long.class);
        assertThat(((Double) read.get(0).get("negativeZero")).doubleValue()).isEqualTo(-0.0);
        assertThat(read.get(0).keySet()).containsExactlyElementsOf(every.keySet());
    }

    @Test
    void whenARegularExpressionIsWrittenThenItReadsBackWithItsPatternAndOptions() {
        Document document = new Document("regex", new BsonRegularExpression("^a.*", "i"));
        WriteBuffer buffer = new WriteBuffer(64);
        StoreTypes.DOCUMENTS.write(buffer, document);

        Object read = StoreTypes.DOCUMENTS.read(buffer.getBuffer().flip()).get("regex");

        assertThat(read).isInstanceOfSatisfying(BsonRegularExpression.class, regex -> { // the type has no equals
            assertThat(regex.getPattern()).isEqualTo("^a.*");
            assertThat(regex.getOptions()).isEqualTo("i");
        });
    }

    @Test
    void whenPositionsAreWrittenThenTheyReadBackEqual() {
        List<Object> positions = List.of(new ObjectId(), "id-1", 7, 8L, 9.5, UUID.randomUUID(),
                Missing.getInstance(), new Document("compound", 1).append("id", "x"),
                Instant.ofEpochSecond(1_780_000_000L, 123_456_789));

        assertThat(roundTrip(StoreTypes.POSITIONS, positions)).isEqualTo(positions);
    }

    @Test
    void whenIndexKeysAreWrittenThenTheyReadBackEqual() {
        List<KeyValue> keys = List.of(new KeyValue("a"), new KeyValue(1.0, "b"), new KeyValue((Object) null),
                new KeyValue(new Document("x", List.of(1.0, 2.0)), new ObjectId()),
                new KeyValue(Instant.ofEpochSecond(5, 1), new BinData(new byte[] {1})));

        List<KeyValue> read = roundTrip(StoreTypes.INDEX_KEYS, keys);

        assertThat(read).isEqualTo(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(StoreTypes.INDEX_KEYS.compare(read.get(i), keys.get(i))).isZero();
        }
    }

    /** The old type compared index keys by their Java serialisations: equal exactly when those bytes were equal. */
    @Test
    void whenIndexValuesAreComparedThenEqualExactlyWhenTheirSerialisationsWereAndTheOrderIsTotal() {
        ObjectId id = new ObjectId();
        List<Object> values = new ArrayList<>(Arrays.asList(null, "", "a", "b", "ab", "A", 1.0, 2.0, 0.0,
                -1.5, Double.NaN, Long.MAX_VALUE, Long.MAX_VALUE - 1, true, false, id, new ObjectId(id.toByteArray()),
                new ObjectId(), Instant.ofEpochMilli(1), Instant.ofEpochSecond(0, 1_000_001), new Document(),
                new Document("a", 1.0), new Document("a", 1.0).append("b", 2.0),
                new Document("b", 2.0).append("a", 1.0), new Document("a", List.of(1.0, 2.0)),
                new Document("a", List.of(1.0, 3.0)), new Document("a", new Document("x", null)),
                List.of(), List.of(1.0), List.of(1.0, 2.0), List.of(2.0, 1.0), Arrays.asList(1.0, null),
                new BinData(new byte[] {1}), new BinData(new byte[] {1, 2}), UUID.randomUUID(),
                new LegacyUUID(new UUID(1, 2)), new Decimal128(new BigDecimal("1.5")), new BsonTimestamp(3),
                MinKey.getInstance(), MaxKey.getInstance(), new BsonRegularExpression("a", "")));

        for (Object a : values) {
            for (Object b : values) {
                int c = StoreTypes.compareValues(a, b);
                assertThat(c == 0).as("%s vs %s", a, b).isEqualTo(Arrays.equals(serialised(a), serialised(b)));
                assertThat(Integer.signum(c)).as("%s vs %s", a, b)
                        .isEqualTo(-Integer.signum(StoreTypes.compareValues(b, a)));
                for (Object d : values) {
                    if (c < 0 && StoreTypes.compareValues(b, d) < 0) {
                        assertThat(StoreTypes.compareValues(a, d)).as("%s < %s < %s", a, b, d).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void whenADocumentIsSizedThenTheEstimateIsAboveItsEncodedSizeAndNearItsHeap() {
        Document event = new Document("_id", new ObjectId()).append("aggregateIdentifier", "sa-0123456789")
                .append("sequenceNumber", 3L).append("type", "ServiceAccount")
                .append("timestamp", "2026-11-30T11:00:00.000Z").append("payloadType", "dev.Created")
                .append("serializedPayload", "x".repeat(400));
        WriteBuffer buffer = new WriteBuffer(1024);
        StoreTypes.DOCUMENTS.write(buffer, event);

        int memory = StoreTypes.DOCUMENTS.getMemory(event);

        assertThat(memory).isGreaterThan(buffer.position()).isLessThan(4 * buffer.position());
    }

    private static <T> List<T> roundTrip(DataType<T> type, List<T> values) {
        WriteBuffer buffer = new WriteBuffer(64);
        T[] storage = type.createStorage(values.size());
        for (int i = 0; i < values.size(); i++) {
            storage[i] = values.get(i);
        }
        type.write(buffer, storage, values.size());
        type.write(buffer, values.get(0));
        buffer.put((byte) 42);
        ByteBuffer bytes = buffer.getBuffer().flip();
        T[] read = type.createStorage(values.size());
        type.read(bytes, read, values.size());
        assertThat(type.read(bytes)).isEqualTo(values.get(0));
        assertThat(bytes.get()).as("the byte after the values").isEqualTo((byte) 42);
        return Arrays.asList(read);
    }

    private static byte[] serialised(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
