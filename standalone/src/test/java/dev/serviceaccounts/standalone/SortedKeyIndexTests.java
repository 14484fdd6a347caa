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
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * docs/decisions.md D38, D52, D56: the in-memory index orders values exactly as mongo-java-server does, also through
 * its shortcut for plain values; an index built in one sorted load holds what one built document by document holds;
 * of several plans, the one that holds the fewest entries answers.
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

    @Test
    void whenPlansHoldDifferentNumbersOfEntriesThenTheFewestAnswerAndOfEqualOnesTheNarrowest() {
        Comparator<Object> positions = Comparator.comparing(position -> (Integer) position);
        List<SortedKeyIndex> indexes = List.of(new SortedKeyIndex(List.of("sortKey"), positions),
                new SortedKeyIndex(List.of("companyIds", "sortKey"), positions),
                new SortedKeyIndex(List.of("companyIds", "type", "sortKey"), positions),
                new SortedKeyIndex(List.of("aggregateId", "sortKey"), positions));
        // 300 accounts of one company with 4 entries each, created first: the history benchmark's shape
        for (int i = 0; i < 1_200; i++) {
            Document entry = new Document("sortKey", (long) i + 1).append("companyIds", List.of("c"))
                    .append("type", i < 300 ? "Created" : "Edited").append("aggregateId", "a" + i % 300);
            int position = 1_199 - i;
            indexes.forEach(index -> index.add(entry, position));
        }
        // an account's creation: its 4 entries, not the company's 300 creations (which narrow by more fields)
        assertThat(cheapest(indexes, new Document("aggregateId", "a7").append("companyIds", "c")
                .append("type", "Created"), new Document("sortKey", 1)).fields())
                .containsExactly("aggregateId", "sortKey");
        // the company's page: both sorted plans hold more than the cap; the one that narrows answers
        assertThat(cheapest(indexes, new Document("companyIds", "c"), new Document("sortKey", -1)).fields())
                .containsExactly("companyIds", "sortKey");
        // two types: two probes of 300 and 900 entries count as one plan of 1,200 (at the cap), not 1,300
        SortedKeyIndex.Plan types = cheapest(indexes, new Document("companyIds", "c")
                .append("type", new Document("$in", List.of("Created", "Edited"))), new Document("sortKey", -1));
        assertThat(types.fields()).containsExactly("companyIds", "type", "sortKey");
        assertThat(types.estimate().getAsLong()).isEqualTo(1_000);
    }

    private static SortedKeyIndex.Plan cheapest(List<SortedKeyIndex> indexes, Document query, Document sort) {
        return SortedKeyIndex.cheapest(indexes.stream().map(index -> index.plan(Constraints.of(query), sort))
                .flatMap(Optional::stream).toList()).orElseThrow();
    }

    private static List<Object> positions(SortedKeyIndex index, Document query, Document sort) {
        List<Object> all = new ArrayList<>();
        index.plan(Constraints.of(query), sort).orElseThrow().positions().forEach(all::add);
        return all;
    }
}
