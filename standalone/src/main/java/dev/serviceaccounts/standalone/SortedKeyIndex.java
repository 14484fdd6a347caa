package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The in-memory ordering of one index of an {@link IndexedH2Collection}: the index's field values of every
 * document, sorted as mongo-java-server sorts them ({@link ValueComparator}, ascending), ties by the document's
 * position in the store (the order a scan reads them in). Kept beside the store, not in it: the collection builds it
 * from the documents after the store is opened. Only plain values are ordered (strings, booleans, integers, longs,
 * finite doubles, object ids). As MongoDB's multikey index, a field whose value is an array of plain values gives one
 * entry per element, so equality on it finds the documents that hold the value; a
 * missing or null value is kept as null, never equal to a plain value. While any document has another value for a
 * field of the index (a sub-document, an empty array, ...), the index answers no query ({@link #plan} is empty) and
 * the collection scans, since MongoDB's rules for those are not an order on one value.
 *
 * <p>A plan narrows the documents a query can match: equality or {@code $in} on leading fields (one probe per
 * combination of their values, at most {@value #MAX_PROBES}, so that a batch's {@code $in} of a thousand ids is one
 * query, as on a MongoDB, which reads an {@code $in} of any length as that many point intervals of the index;
 * {@code $in} not on a field that holds arrays), then at
 * most one range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the next; the caller still applies the
 * whole query to every candidate. The fields after the probed ones must hold no arrays, nulls nor missing values
 * (else a document would come once per element, and null and missing sort apart). When the sort is the index's
 * remaining fields (all ascending, or all descending) the plan yields the candidates in that sort order, the probes'
 * entries merged, ties in store order, exactly as a scan followed by a stable sort (docs/decisions.md D38).
 */
final class SortedKeyIndex {

    private static final Comparator<Object> VALUES = ValueComparator.asc();
    /**
     * Probes per plan: a probe is one descent of the skip list (about a microsecond), a scan deserialises every
     * document; the cap bounds the product of several {@code $in} fields (docs/decisions.md D54).
     */
    private static final int MAX_PROBES = 100_000;
    private static final int ESTIMATE_CAP = 1_000;

    private final List<String> fields;
    private final Comparator<Object> positionOrder;
    private final NavigableSet<Entry> entries;
    private final ArrayList<Entry> staged = new ArrayList<>();
    private final AtomicLong irregular = new AtomicLong();
    private final AtomicLongArray arrays;
    private final AtomicLongArray absent;

    /**
     * @param fields        the index's fields (dotted paths), in index order
     * @param positionOrder the order of positions in the store (the order a scan reads documents in)
     */
    SortedKeyIndex(List<String> fields, Comparator<Object> positionOrder) {
        this.fields = List.copyOf(fields);
        this.positionOrder = positionOrder;
        this.entries = new ConcurrentSkipListSet<>(this::compare);
        this.arrays = new AtomicLongArray(fields.size());
        this.absent = new AtomicLongArray(fields.size());
    }

    /** @return the index's fields, in index order */
    List<String> fields() {
        return fields;
    }

    /** Adds {@code document}, stored at {@code position}. */
    void add(Document document, Object position) {
        add(document, position, entries::add);
    }

    /**
     * Adds {@code document}, stored at {@code position}, to the documents of a build: they are ordered once all are
     * there, by {@link #addStaged} (a skip list takes entries in order several times faster than in store order, which
     * is random on the index's values; docs/decisions.md D52).
     */
    void stage(Document document, Object position) {
        add(document, position, staged::add);
    }

    /** Adds the documents {@link #stage}d since the last call, sorted first. */
    void addStaged() {
        Entry[] sorted = staged.toArray(new Entry[0]);
        staged.clear();
        staged.trimToSize();
        Arrays.parallelSort(sorted, this::compare);
        entries.addAll(Arrays.asList(sorted));
    }

    private void add(Document document, Object position, Consumer<Entry> to) {
        Rows rows = rows(document);
        if (rows == null) {
            irregular.incrementAndGet();
            return;
        }
        count(rows, 1);
        rows.values().forEach(values -> to.accept(new Entry(values, position, 0)));
    }

    /** Removes {@code document} (as it was stored), stored at {@code position}. */
    void remove(Document document, Object position) {
        Rows rows = rows(document);
        if (rows == null) {
            irregular.decrementAndGet();
            return;
        }
        count(rows, -1);
        rows.values().forEach(values -> entries.remove(new Entry(values, position, 0)));
    }

    private void count(Rows rows, int delta) {
        for (int i = 0; i < fields.size(); i++) {
            if (rows.array()[i]) {
                arrays.addAndGet(i, delta);
            }
            if (rows.absent()[i]) {
                absent.addAndGet(i, delta);
            }
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
        List<List<Object>> equal = new ArrayList<>();
        long combinations = 1;
        while (equal.size() < fields.size()) {
            int at = equal.size();
            List<Object> values = constraints.values(fields.get(at));
            if (values == null || values.size() > 1 && arrays.get(at) != 0
                    || combinations * values.size() > MAX_PROBES) {
                break;
            }
            combinations *= values.size();
            equal.add(values);
        }
        int fixed = equal.size();
        for (int i = fixed; i < fields.size(); i++) {
            if (arrays.get(i) != 0 || absent.get(i) != 0) {
                return Optional.empty(); // a document would come once per element; null and missing sort apart
            }
        }
        Constraints.Range range = fixed < fields.size() ? constraints.range(fields.get(fixed)) : null;
        List<String> single = new ArrayList<>();
        for (int i = 0; i < fixed; i++) {
            if (equal.get(i).size() == 1) {
                single.add(fields.get(i));
            }
        }
        int sorted = sortedFields(orderBy, fixed, single);
        boolean descending = sorted > 0 && orderBy.entrySet().stream()
                .filter(sort -> !single.contains(sort.getKey()))
                .anyMatch(sort -> ((Number) sort.getValue()).intValue() < 0);
        if (fixed == 0 && range == null && sorted <= 0) {
            return Optional.empty();
        }
        List<NavigableSet<Entry>> ranges = new ArrayList<>();
        for (List<Object> probe : combinations(equal)) {
            Entry low = probe(probe, range == null ? null : range.lower(), range != null && range.lowerInclusive(), -1);
            Entry high = probe(probe, range == null ? null : range.upper(), range != null && range.upperInclusive(), 1);
            if (compare(low, high) <= 0) {
                ranges.add(entries.subSet(low, true, high, true));
            }
        }
        List<NavigableSet<Entry>> parts = descending
                ? ranges.stream().map(NavigableSet::descendingSet).toList() : ranges;
        Comparator<Entry> order = descending ? afterFixed(fixed).reversed() : afterFixed(fixed);
        int grouped = sorted > 0 ? fixed + sorted : fixed;
        return Optional.of(new Plan(() -> new StoreOrderWithinTies(merged(parts, order), fixed, grouped), fields,
                sorted >= 0, fixed * 4 + (range == null ? 0 : 2) + (sorted > 0 ? 1 : 0), new Count(ranges)));
    }

    /**
     * @return of {@code plans}, the one whose probes hold the fewest entries, counted up to {@value #ESTIMATE_CAP};
     *         of those that hold as many (all at the cap, say), the one of the highest score. The plans' entries are
     *         counted in step, so that choosing reads about as many entries per plan as the answering plan holds
     *         (docs/decisions.md D56)
     */
    static Optional<Plan> cheapest(List<Plan> plans) {
        List<Plan> left = plans;
        for (int n = 0; left.size() > 1 && n < ESTIMATE_CAP; n++) {
            List<Plan> exhausted = left.stream().filter(plan -> !plan.estimate().step()).toList();
            if (!exhausted.isEmpty()) {
                left = exhausted;
                break;
            }
        }
        return left.stream().max(Comparator.comparingInt(Plan::score));
    }

    /**
     * How many entries a plan's probes hold together, up to {@value #ESTIMATE_CAP} in all (a plan of many probes
     * weighs what it reads, not its number of probes), counted one entry at a time as asked, walking each probe's
     * entries in ascending order (a step of a skip list's descending walk is a search from its head).
     */
    static final class Count implements LongSupplier {

        private final Iterator<NavigableSet<Entry>> ranges;
        private Iterator<Entry> range = Collections.emptyIterator();
        private long counted;

        Count(List<NavigableSet<Entry>> ranges) {
            this.ranges = ranges.iterator();
        }

        /** @return whether one more entry was there (and counted), false once all were counted or at the cap */
        boolean step() {
            if (counted == ESTIMATE_CAP) {
                return false;
            }
            while (!range.hasNext()) {
                if (!ranges.hasNext()) {
                    return false;
                }
                range = ranges.next().iterator();
            }
            range.next();
            counted++;
            return true;
        }

        /** @return how many entries the probes hold, up to {@value #ESTIMATE_CAP} */
        @Override
        public long getAsLong() {
            while (step()) {
                // counting
            }
            return counted;
        }
    }

    /** @return every choice of one value per field, in order */
    private static List<List<Object>> combinations(List<List<Object>> values) {
        List<List<Object>> all = new ArrayList<>(List.of(List.of()));
        for (List<Object> choices : values) {
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> prefix : all) {
                for (Object choice : choices) {
                    List<Object> next = new ArrayList<>(prefix);
                    next.add(choice);
                    longer.add(next);
                }
            }
            all = longer;
        }
        return all;
    }

    /** Index order on the fields after the first {@code fixed}, ties by position: the order across probes. */
    private Comparator<Entry> afterFixed(int fixed) {
        return (a, b) -> {
            for (int i = fixed; i < fields.size(); i++) {
                int c = compareValues(a.values[i], b.values[i]);
                if (c != 0) {
                    return c;
                }
            }
            return positionOrder.compare(a.position, b.position);
        };
    }

    /** @return the entries of all {@code parts} (each in {@code order}) in {@code order} */
    private static Iterator<Entry> merged(List<NavigableSet<Entry>> parts, Comparator<Entry> order) {
        if (parts.size() == 1) {
            return parts.get(0).iterator();
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> order.compare(a.entry, b.entry));
        for (NavigableSet<Entry> part : parts) {
            Iterator<Entry> source = part.iterator();
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Entry next() {
                Head head = heads.remove();
                if (head.rest.hasNext()) {
                    heads.add(new Head(head.rest.next(), head.rest));
                }
                return head.entry;
            }
        };
    }

    /** The next entry of one probe's entries, and the rest. */
    private record Head(Entry entry, Iterator<Entry> rest) {
    }

    /**
     * @return how many index fields after the {@code fixed} equal ones the sort names in index order (0: the sort
     *         names only equal fields or is empty), or -1 when this index cannot give the sort
     */
    private int sortedFields(Document orderBy, int fixed, List<String> single) {
        if (orderBy == null || orderBy.isEmpty()) {
            return 0;
        }
        List<String> rest = new ArrayList<>();
        Integer direction = null;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (!(sort.getValue() instanceof Number number) || sort.getKey().startsWith("$")) {
                return -1;
            }
            if (single.contains(sort.getKey())) {
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

    private static Entry probe(List<Object> equal, Object bound, boolean inclusive, int side) {
        if (bound == null) {
            return new Entry(equal.toArray(), null, side);
        }
        Object[] values = equal.toArray(new Object[equal.size() + 1]);
        values[equal.size()] = bound;
        return new Entry(values, null, inclusive ? side : -side);
    }

    /**
     * @return the document's rows: its values of the index's fields, one row per element of the one field that is
     *         an array of plain values (as MongoDB's multikey index), a missing or null value as null; null when the
     *         index cannot order it (an empty array, an array of anything but plain values, two array fields,
     *         another value)
     */
    private Rows rows(Document document) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[fields.size()]);
        boolean[] array = new boolean[fields.size()];
        boolean[] absentValue = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
            if (Missing.isNullOrMissing(value)) {
                absentValue[i] = true;
                continue;
            }
            if (value instanceof Collection<?> elements) {
                if (rows.size() > 1 || elements.isEmpty() || !elements.stream().allMatch(SortedKeyIndex::isPlain)) {
                    return null;
                }
                array[i] = true;
                Object[] row = rows.get(0);
                rows.clear();
                int at = i;
                elements.forEach(element -> {
                    Object[] copy = row.clone();
                    copy[at] = element;
                    rows.add(copy);
                });
                continue;
            }
            if (!isPlain(value)) {
                return null;
            }
            for (Object[] row : rows) {
                row[i] = value;
            }
        }
        return new Rows(rows, array, absentValue);
    }

    /** One document's rows, and which fields were arrays and which missing or null. */
    private record Rows(List<Object[]> values, boolean[] array, boolean[] absent) {
    }

    /** @return whether {@code value} is one the index orders (and a query may bound) */
    static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof ObjectId
                || value instanceof Double number && Double.isFinite(number);
    }

    /**
     * {@link ValueComparator#asc()}'s order, without its type lookup (a loop of {@code Class.isAssignableFrom} per
     * value, most of the time of building an index at 1,000,000 documents) for the values an index mostly holds: two
     * strings, two booleans, two integers or longs that a double holds exactly, null (a missing or null value) against
     * anything; any other pair goes to {@link ValueComparator}.
     */
    static int compareValues(Object a, Object b) {
        if (a == null ? b == null || isPlain(b) : b == null && isPlain(a)) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof String first && b instanceof String second) {
            return first.compareTo(second);
        }
        if (isExactInteger(a) && isExactInteger(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof Boolean first && b instanceof Boolean second) {
            return Boolean.compare(first, second);
        }
        return VALUES.compare(a, b);
    }

    /** An integer or a long that a double holds exactly (ValueComparator compares those by their long value). */
    private static boolean isExactInteger(Object value) {
        return value instanceof Integer
                || value instanceof Long number && Math.abs(number) <= 1L << 53;
    }

    private int compare(Entry a, Entry b) {
        int common = Math.min(a.values.length, b.values.length);
        for (int i = 0; i < common; i++) {
            int c = compareValues(a.values[i], b.values[i]);
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
     * @param fields       the fields of the plan's index, in index order
     * @param sortsAsAsked whether {@code positions} come in the query's sort order
     * @param score        how much the plan narrows by the conditions it uses (higher is better)
     * @param estimate     how many index entries the plan reads at most, counted once, up to a cap for all its probes
     *                     (lower is better)
     */
    record Plan(Iterable<Object> positions, List<String> fields, boolean sortsAsAsked, int score, Count estimate) {
    }

    /**
     * Index order on the fields from {@code fixed} (the probed ones) to {@code grouped}; within a run of equal
     * values, store order.
     */
    private final class StoreOrderWithinTies implements Iterator<Object> {

        private final Iterator<Entry> source;
        private final int fixed;
        private final int grouped;
        private final List<Entry> run = new ArrayList<>();
        private Entry next;
        private int emitted;

        StoreOrderWithinTies(Iterator<Entry> source, int fixed, int grouped) {
            this.source = source;
            this.fixed = fixed;
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
            for (int i = fixed; i < grouped; i++) {
                if (compareValues(a.values[i], b.values[i]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
