package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conditions of a query that an index can narrow by: per field, an equality on a plain value
 * ({@code {f: v}}, {@code {f: {$eq: v}}}), a list of plain values ({@code {f: {$in: [...]}}}) and range bounds ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}
 * on a plain value, see {@link SortedKeyIndex#isPlain}), and the strings a field must not equal ({@code $nin}: Axon's
 * tracking fetch excludes every event it has seen within its look-back, thousands, which the matcher compares one by
 * one per document). Reads the top-level conditions and those of a top-level
 * {@code $and}; everything else ({@code $or}, {@code $nin}, regular expressions, sub-documents, ...)
 * is left to the query matcher. Every condition kept is implied by the query, so the documents that satisfy them
 * include every document that matches.
 */
final class Constraints {

    private static final ValueComparator VALUES = ValueComparator.asc();

    private final Map<String, Object> equal = new HashMap<>();
    private final Map<String, List<Object>> in = new HashMap<>();
    private final Map<String, Range> ranges = new HashMap<>();
    private final Map<String, Set<String>> excluded = new HashMap<>();

    private Constraints() {
    }

    /** @return the conditions of {@code query} (a find filter) */
    static Constraints of(Document query) {
        Constraints constraints = new Constraints();
        constraints.read(query);
        return constraints;
    }

    /** @return the plain value {@code field} must equal, or null */
    Object equal(String field) {
        return equal.get(field);
    }

    /**
     * @return the plain values one of which {@code field} must equal ({@code $in}, or the one of an equality), in
     *         index order without duplicates; null when the query does not name them
     */
    List<Object> values(String field) {
        Object value = equal.get(field);
        return value != null ? List.of(value) : in.get(field);
    }

    /** @return the bounds of {@code field}, or null */
    Range range(String field) {
        return ranges.get(field);
    }

    /**
     * @return whether the query excludes {@code document}: a field of it is a string that a {@code $nin} lists (a
     *         cheap test before the matcher; false says nothing)
     */
    boolean excludes(Document document) {
        for (Map.Entry<String, Set<String>> field : excluded.entrySet()) {
            if (Utils.getSubdocumentValueCollectionAware(document, field.getKey()) instanceof String value
                    && field.getValue().contains(value)) {
                return true;
            }
        }
        return false;
    }

    private void read(Document query) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof List<?> all) {
                all.stream().filter(Document.class::isInstance).map(Document.class::cast).forEach(this::read);
            } else if (!field.startsWith("$")) {
                readField(field, value);
            }
        }
    }

    private void readField(String field, Object value) {
        if (SortedKeyIndex.isPlain(value)) {
            equal.putIfAbsent(field, value);
            return;
        }
        if (!(value instanceof Document operators)) {
            return;
        }
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object operand = operator.getValue();
            if (operator.getKey().equals("$nin") && operand instanceof Collection<?> values) {
                values.stream().filter(String.class::isInstance).map(String.class::cast)
                        .forEach(string -> excluded.computeIfAbsent(field, any -> new HashSet<>()).add(string));
            }
            if (operator.getKey().equals("$in") && operand instanceof Collection<?> values
                    && values.stream().allMatch(SortedKeyIndex::isPlain)) {
                Set<Object> distinct = new TreeSet<>(VALUES);
                distinct.addAll(values);
                in.putIfAbsent(field, List.copyOf(distinct));
            }
            if (!SortedKeyIndex.isPlain(operand)) {
                continue;
            }
            Range range = ranges.getOrDefault(field, Range.NONE);
            switch (operator.getKey()) {
                case "$eq" -> equal.putIfAbsent(field, operand);
                case "$gt" -> ranges.put(field, range.above(operand, false));
                case "$gte" -> ranges.put(field, range.above(operand, true));
                case "$lt" -> ranges.put(field, range.below(operand, false));
                case "$lte" -> ranges.put(field, range.below(operand, true));
                default -> {
                    // left to the matcher
                }
            }
        }
    }

    /**
     * Bounds on one field; null where unbounded.
     *
     * @param lower          the lowest value, or null
     * @param lowerInclusive whether {@code lower} itself is in range
     * @param upper          the highest value, or null
     * @param upperInclusive whether {@code upper} itself is in range
     */
    record Range(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {

        static final Range NONE = new Range(null, false, null, false);

        Range above(Object bound, boolean inclusive) {
            if (lower != null) {
                int c = VALUES.compare(bound, lower);
                if (c < 0 || c == 0 && (inclusive || !lowerInclusive)) {
                    return this;
                }
            }
            return new Range(bound, inclusive, upper, upperInclusive);
        }

        Range below(Object bound, boolean inclusive) {
            if (upper != null) {
                int c = VALUES.compare(bound, upper);
                if (c > 0 || c == 0 && (inclusive || !upperInclusive)) {
                    return this;
                }
            }
            return new Range(lower, lowerInclusive, bound, inclusive);
        }
    }
}
