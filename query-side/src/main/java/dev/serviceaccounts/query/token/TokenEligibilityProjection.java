package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.serviceaccount.AccountState;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * Keeps the token-eligibility entries by the one fold of an account's events ({@link AccountState}): each
 * event of an account loads its entry, applies the event and saves the new entry. Two tracking processors run
 * it (see {@code docs/token-freshness.md}):
 * <ul>
 *   <li>{@value #PROCESSING_GROUP} ({@link StoredTokenEligibilityProjection}): shared by all query-side
 *       instances through the MongoDB token store, keeps the {@code token_eligibility} collection, from
 *       which an instance starts;</li>
 *   <li>{@value #INSTANCE_PROCESSING_GROUP} ({@link InstanceTokenEligibilityProjection}): one per
 *       instance, in-memory token store, keeps this instance's {@link TokenEligibilityView}, which the
 *       token endpoint reads, and acknowledges each event for the command side.</li>
 * </ul>
 * Idempotent: an event whose sequence number is not above the entry's version is skipped, so
 * at-least-once delivery (no transactions on the embedded MongoDB), and an instance processor that
 * starts a little behind the collection it loaded, never apply an event twice.
 */
public class TokenEligibilityProjection {

    /**
     * Name of the shared tracking processor that keeps the {@code token_eligibility} collection. Its entries hold
     * the whole {@link AccountState} since this name: the processor of the earlier entry shape
     * ({@code token-eligibility}, without project memberships) is not resumed, so this one builds the collection
     * again from the first event, overwriting each earlier entry ({@link TokenEligibilityCollection} never reads one).
     */
    public static final String PROCESSING_GROUP = "token-eligibility-state";
    /** Name of each instance's own tracking processor that keeps its in-memory view. */
    public static final String INSTANCE_PROCESSING_GROUP = "token-eligibility-instance";

    private final EligibleClients view;

    TokenEligibilityProjection(EligibleClients view) {
        this.view = view;
    }

    /**
     * Folds any event into its account's entry. Every event is handled, an account's or not (an event of no
     * account changes nothing), so that on the instance processor an account's acknowledged sequence number
     * follows all of its events ({@link TokenViewAcknowledgements}): the command side waits for the last one its
     * command wrote.
     */
    @EventHandler
    void on(Object event, @SequenceNumber long sequence, @Timestamp Instant at) {
        AccountState.update(event, sequence, at, id -> view.findByServiceAccount(id).map(EligibleClient::account),
                state -> view.save(EligibleClient.of(state)));
    }

    @ResetHandler
    void reset() {
        view.clear();
    }
}
