package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory ordering of one index of an {@link IndexedH2Collection}: the index's field values of every
 * document, sorted as mongo-java-server sorts them ({@link ValueComparator}, ascending), ties by the document's
 * position in the store (the order a scan reads them in). Kept beside the store, not in it: the collection builds it
 * from the documents after the store is opened. Only plain values are ordered (strings, booleans, integers, longs, finite
 * doubles, object ids); while any document has another value for a field of the index (missing, null, an array,
 * a sub-document, ...), the index answers no query ({@link #plan} is empty) and the collection scans, since
 * MongoDB's rules for those (arrays match by element, null matches missing) are not an order on one value.
 *
 * <p>A plan narrows the documents a query can match: equality on leading fields, then at most one range
 * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the next; the caller still applies the whole query to
 * every candidate. When the sort is the index's remaining fields (all ascending, or all descending) the plan
 * yields the candidates in that sort order, ties in store order, exactly as a scan followed by a stable sort.
 */
final class SortedKeyIndex {

    private static final Comparator<Object> VALUES = ValueComparator.asc();

    private final List<String> fields;
    private final Comparator<Object> positionOrder;
    private final NavigableSet<Entry> entries;
    private final AtomicLong irregular = new AtomicLong();

    /**
     * @param fields        the index's fields (dotted paths), in index order
     * @param positionOrder the order of positions in the store (the order a scan reads documents in)
     */
    SortedKeyIndex(List<String> fields, Comparator<Object> positionOrder) {
        this.fields = List.copyOf(fields);
        this.positionOrder = positionOrder;
        this.entries = new ConcurrentSkipListSet<>(this::compare);
    }

    /** @return the index's fields, in index order */
    List<String> fields() {
        return fields;
    }

    /** Adds {@code document}, stored at {@code position}. */
    void add(Document document, Object position) {
        Object[] values = values(document);
        if (values == null) {
            irregular.incrementAndGet();
        } else {
            entries.add(new Entry(values, position, 0));
        }
    }

    /** Removes {@code document} (as it was stored), stored at {@code position}. */
    void remove(Document document, Object position) {
        Object[] values = values(document);
        if (values == null) {
            irregular.decrementAndGet();
        } else {
            entries.remove(new Entry(values, position, 0));
        }
    }

    /** @return how many documents the index orders (those with plain values for all its fields) */
    int size() {
        return entries.size();
    }

    /**
     * @param constraints the query's conditions per field (from {@link Constraints#of})
     * @param orderBy     the query's sort (field to 1 or -1), or null
     * @return the candidate positions, or empty when this index does not narrow the query nor give its sort
     */
    Optional<Plan> plan(Constraints constraints, Document orderBy) {
        if (irregular.get() != 0) {
            return Optional.empty();
        }
        List<Object> equal = new ArrayList<>();
        while (equal.size() < fields.size() && constraints.equal(fields.get(equal.size())) != null) {
            equal.add(constraints.equal(fields.get(equal.size())));
        }
        int fixed = equal.size();
        Constraints.Range range = fixed < fields.size() ? constraints.range(fields.get(fixed)) : null;
        int sorted = sortedFields(orderBy, fixed);
        boolean descending = sorted > 0 && orderBy.entrySet().stream()
                .filter(sort -> !equalFields(fixed).contains(sort.getKey()))
                .anyMatch(sort -> ((Number) sort.getValue()).intValue() < 0);
        if (fixed == 0 && range == null && sorted <= 0) {
            return Optional.empty();
        }
        Entry low = probe(equal, range == null ? null : range.lower(), range != null && range.lowerInclusive(), -1);
        Entry high = probe(equal, range == null ? null : range.upper(), range != null && range.upperInclusive(), 1);
        NavigableSet<Entry> inRange = compare(low, high) > 0 ? new ConcurrentSkipListSet<>(this::compare)
                : entries.subSet(low, true, high, true);
        NavigableSet<Entry> candidates = descending ? inRange.descendingSet() : inRange;
        int grouped = sorted > 0 ? fixed + sorted : fixed;
        return Optional.of(new Plan(() -> new StoreOrderWithinTies(candidates.iterator(), grouped), sorted >= 0,
                fixed * 4 + (range == null ? 0 : 2) + (sorted > 0 ? 1 : 0)));
    }

    /**
     * @return how many index fields after the {@code fixed} equal ones the sort names in index order (0: the sort
     *         names only equal fields or is empty), or -1 when this index cannot give the sort
     */
    private int sortedFields(Document orderBy, int fixed) {
        if (orderBy == null || orderBy.isEmpty()) {
            return 0;
        }
        List<String> rest = new ArrayList<>();
        Integer direction = null;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (!(sort.getValue() instanceof Number number) || sort.getKey().startsWith("$")) {
                return -1;
            }
            if (equalFields(fixed).contains(sort.getKey())) {
                continue;
            }
            int sign = Integer.signum(number.intValue());
            if (sign == 0 || direction != null && direction != sign) {
                return -1;
            }
            direction = sign;
            rest.add(sort.getKey());
        }
        return rest.equals(fields.subList(fixed, Math.min(fields.size(), fixed + rest.size()))) ? rest.size() : -1;
    }

    private List<String> equalFields(int fixed) {
        return fields.subList(0, fixed);
    }

    private static Entry probe(List<Object> equal, Object bound, boolean inclusive, int side) {
        if (bound == null) {
            return new Entry(equal.toArray(), null, side);
        }
        Object[] values = equal.toArray(new Object[equal.size() + 1]);
        values[equal.size()] = bound;
        return new Entry(values, null, inclusive ? side : -side);
    }

    private Object[] values(Document document) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
            if (!isPlain(value)) {
                return null;
            }
            values[i] = value;
        }
        return values;
    }

    /** @return whether {@code value} is one the index orders (and a query may bound) */
    static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof ObjectId
                || value instanceof Double number && Double.isFinite(number);
    }

    private int compare(Entry a, Entry b) {
        int common = Math.min(a.values.length, b.values.length);
        for (int i = 0; i < common; i++) {
            int c = VALUES.compare(a.values[i], b.values[i]);
            if (c != 0) {
                return c;
            }
        }
        if (a.bound != 0 || b.bound != 0) {
            return Integer.compare(a.bound, b.bound);
        }
        return positionOrder.compare(a.position, b.position);
    }

    /** One document's values at its position; a probe (bound -1 or 1) sorts before or after all its equals. */
    private record Entry(Object[] values, Object position, int bound) {
    }

    /**
     * The candidates of a query.
     *
     * @param positions    the positions of the candidates, in sort order when {@code sortsAsAsked}, else in store order
     * @param sortsAsAsked whether {@code positions} come in the query's sort order
     * @param score        how much the plan narrows (higher is better)
     */
    record Plan(Iterable<Object> positions, boolean sortsAsAsked, int score) {
    }

    /** Index order on the first {@code grouped} fields; within a run of equal values, store order. */
    private final class StoreOrderWithinTies implements Iterator<Object> {

        private final Iterator<Entry> source;
        private final int grouped;
        private final List<Entry> run = new ArrayList<>();
        private Entry next;
        private int emitted;

        StoreOrderWithinTies(Iterator<Entry> source, int grouped) {
            this.source = source;
            this.grouped = grouped;
            this.next = source.hasNext() ? source.next() : null;
        }

        @Override
        public boolean hasNext() {
            return emitted < run.size() || next != null;
        }

        @Override
        public Object next() {
            if (emitted == run.size()) {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                run.clear();
                emitted = 0;
                run.add(next);
                next = source.hasNext() ? source.next() : null;
                while (next != null && equalOnGrouped(run.get(0), next)) {
                    run.add(next);
                    next = source.hasNext() ? source.next() : null;
                }
                run.sort((a, b) -> positionOrder.compare(a.position, b.position));
            }
            return run.get(emitted++).position;
        }

        private boolean equalOnGrouped(Entry a, Entry b) {
            for (int i = 0; i < grouped; i++) {
                if (VALUES.compare(a.values[i], b.values[i]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
