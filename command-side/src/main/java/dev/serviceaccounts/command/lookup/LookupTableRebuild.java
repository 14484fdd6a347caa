package dev.serviceaccounts.command.lookup;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * The part of the command side's lookup tables that a feature keeps (docs/decisions.md D47), rebuilt from the
 * events by {@link LookupTablesRebuild}. Every write of a rebuild inserts an entry only where its key is free:
 * an entry written by a command meanwhile (which both generations accepted) is never overwritten.
 */
public interface LookupTableRebuild {

    /** @return the first names of the tables this part keeps, e.g. {@code client_id_registry} */
    List<String> tables();

    /**
     * Writes what {@code event} implies into the rebuilt tables; called with every stored event, in the store's
     * order, on one thread.
     *
     * @param into the rebuilt collection of a table, given its first name
     */
    void replay(EventMessage<?> event, UnaryOperator<String> into);

    /** Writes what needs the whole history (e.g. each contact's current state); called after the last event. */
    void finish(UnaryOperator<String> into);

    /**
     * @param bothSince from this instant on, every instance wrote to both generations
     * @return the entries of a live table worth copying into the rebuilt one after the replay (where free): those a
     *         command may still be acting on, whose events the replay may not have read
     */
    Document inFlight(String table, Instant bothSince);
}
