package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * docs/decisions.md D38, D52: the in-memory index orders values exactly as mongo-java-server does, also through its
 * shortcut for plain values, and an index built in one sorted load holds what one built document by document holds.
 */
class SortedKeyIndexTests {

    private static final Object[] VALUES = {null, "", "a", "b", "ab", "B", "é", 0, 1, -1, 2, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 0L, 1L, -1L, 3L, 1L << 40, -(1L << 40), 1L << 53, (1L << 53) + 1, -(1L << 53) - 1,
        Long.MAX_VALUE, Long.MIN_VALUE, 0.0, 1.0, 1.5, -2.5, 1e300, Double.NaN, true, false, new ObjectId(),
        new ObjectId(), MinKey.getInstance(), MaxKey.getInstance()};

    @Test
    void whenAnyTwoValuesAreComparedThenTheOrderIsValueComparators() {
        for (Object a : VALUES) {
            for (Object b : VALUES) {
                assertThat(Integer.signum(SortedKeyIndex.compareValues(a, b)))
                        .as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(ValueComparator.asc().compare(a, b)));
            }
        }
    }

    @Test
    void whenDocumentsAreStagedThenTheIndexEqualsOneBuiltDocumentByDocument() {
        Random random = new Random(52);
        Comparator<Object> positions = Comparator.comparing(position -> (Integer) position);
        List<String> fields = List.of("company", "n", "sortKey");
        SortedKeyIndex oneByOne = new SortedKeyIndex(fields, positions);
        SortedKeyIndex staged = new SortedKeyIndex(fields, positions);
        for (int position = 0; position < 3_000; position++) {
            Object n = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(5);
                case 1 -> (long) random.nextInt(5);
                case 2 -> "s" + random.nextInt(5);
                default -> random.nextBoolean();
            };
            Document document = new Document("company", List.of("c" + random.nextInt(3), "d" + random.nextInt(3)))
                    .append("n", n).append("sortKey", (long) random.nextInt(1_000));
            oneByOne.add(document, position);
            staged.stage(document, position);
        }
        staged.addStaged();
        assertThat(staged.size()).isEqualTo(oneByOne.size()).isEqualTo(6_000);
        for (String company : List.of("c0", "c1", "d2")) {
            Document query = new Document("company", company);
            Document sort = new Document("n", -1).append("sortKey", -1);
            assertThat(positions(staged, query, sort)).hasSizeGreaterThan(100)
                    .isEqualTo(positions(oneByOne, query, sort));
        }
    }

    @Test
    void whenAnInOfAThousandValuesThenOnePlanYieldsTheirDocumentsInStoreOrder() {
        Comparator<Object> positions = Comparator.comparing(position -> (Integer) position);
        SortedKeyIndex index = new SortedKeyIndex(List.of("account.serviceAccountId"), positions);
        Random random = new Random(54);
        List<String> accounts = new ArrayList<>();
        for (int position = 0; position < 5_000; position++) {
            String account = "sa-" + random.nextInt(4_000);
            accounts.add(account);
            index.add(new Document("account", new Document("serviceAccountId", account)), position);
        }
        List<Object> asked = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            asked.add("sa-" + random.nextInt(5_000)); // some held by no document, some asked twice
        }
        List<Object> expected = new ArrayList<>();
        for (int position = 0; position < accounts.size(); position++) {
            if (asked.contains(accounts.get(position))) {
                expected.add(position);
            }
        }

        List<Object> found = positions(index,
                new Document("account.serviceAccountId", new Document("$in", asked)), null);

        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(found).isEqualTo(expected);
    }

    private static List<Object> positions(SortedKeyIndex index, Document query, Document sort) {
        List<Object> all = new ArrayList<>();
        index.plan(Constraints.of(query), sort).orElseThrow().positions().forEach(all::add);
        return all;
    }
}
