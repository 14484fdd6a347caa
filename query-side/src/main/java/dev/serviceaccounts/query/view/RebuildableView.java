package dev.serviceaccounts.query.view;

/**
 * A view that can be rebuilt beside its live collection (docs/decisions.md D39): the same projection code,
 * writing into another collection, replays the whole event stream; then the readers switch to it.
 */
public interface RebuildableView {

    /** @return the name of the view's live tracking processor, e.g. {@code service-accounts-view} */
    String processorName();

    /** @return the collection the view lives in now */
    String liveCollection();

    /**
     * @param collection an empty collection beside the live one
     * @return an event handler object (Axon annotations) that projects into {@code collection}
     */
    Object projectionInto(String collection);
}
