package dev.serviceaccounts.query.view;

import java.util.Objects;
import java.util.function.Function;

/**
 * A view that can be rebuilt beside its live collection (docs/decisions.md D39): the same projection code, writing
 * into another collection, replays the whole event stream; then the readers switch to it ({@link ViewGenerations}).
 * Each view declares one, as a bean, with {@link #of}.
 *
 * @param processorName   the name of the view's live tracking processor, e.g. {@code service-accounts-view}; also
 *                        its name in {@link ViewGenerations}
 * @param firstCollection the collection of the view never rebuilt, e.g. {@code service_accounts}
 * @param projectionInto  given an empty collection beside the live one, an event handler object (Axon annotations)
 *                        that projects into it: the live projection's class over a view of that collection
 */
public record RebuildableView(String processorName, String firstCollection, Function<String, Object> projectionInto) {

    public RebuildableView {
        Objects.requireNonNull(processorName, "processorName");
        Objects.requireNonNull(firstCollection, "firstCollection");
        Objects.requireNonNull(projectionInto, "projectionInto");
    }

    /** @return the view of processor {@code processorName}, first in {@code firstCollection}, projected by {@code projectionInto} */
    public static RebuildableView of(String processorName, String firstCollection,
                                     Function<String, Object> projectionInto) {
        return new RebuildableView(processorName, firstCollection, projectionInto);
    }

    /** @return the collection the view lives in now */
    public String liveCollection(ViewGenerations generations) {
        return generations.collection(processorName, firstCollection);
    }
}
