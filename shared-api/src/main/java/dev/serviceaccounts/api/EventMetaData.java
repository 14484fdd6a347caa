package dev.serviceaccounts.api;

/**
 * The metadata keys every event carries (docs/design.md §4: who did what when), written by the command side when a
 * command is sent and read by the query side's history and point-in-time state.
 */
public final class EventMetaData {

    /** Key of the acting {@code client_id}, or {@code "operator"}. */
    public static final String ACTOR = "actor";
    /** Key of the HTTP request id ({@code X-Request-Id}) the command came with. */
    public static final String REQUEST_ID = "requestId";

    private EventMetaData() {
    }
}
