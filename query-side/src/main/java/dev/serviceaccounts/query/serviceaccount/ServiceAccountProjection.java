package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.view.RebuildableView;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the service-account view ({@link ServiceAccountView} documents) from the event store, on a
 * tracking event processor, by the one fold of an account's events ({@link AccountState}): each event of an
 * account loads its stored view as a state ({@link AccountState#of}), applies the event and saves the state's
 * {@link AccountState#view()}. The view never holds a secret's hash: a state read from a view has none, and the
 * fold keeps none for a secret it already holds (a created or reset event's new secret does carry one, which
 * {@link AccountState#view()} drops). Every event of an account, its contact's directory events included, comes
 * from the account's aggregate, so an event at or below a document's version has been applied and is skipped
 * (idempotent under at-least-once delivery).
 */
@Component
@ProcessingGroup(ServiceAccountProjection.PROCESSING_GROUP)
public class ServiceAccountProjection {

    /** Name of this projection's tracking event processor. */
    public static final String PROCESSING_GROUP = "service-accounts-view";

    private final ServiceAccountViews views;

    public ServiceAccountProjection(ServiceAccountViews views) {
        this.views = views;
    }

    /** Folds any event into its account's view; an event of no account (a person's, a company's) changes nothing. */
    @EventHandler
    void on(Object event, @SequenceNumber long sequence, @Timestamp Instant at) {
        AccountState.update(event, sequence, at, id -> views.find(id).map(AccountState::of),
                state -> views.save(state.view()));
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }

    /** @return this view rebuilt beside the live one (docs/decisions.md D39): this projection, another collection */
    @Bean
    static RebuildableView serviceAccountsRebuildable(MongoTemplate mongo) {
        return RebuildableView.of(PROCESSING_GROUP, ServiceAccountViews.COLLECTION,
                collection -> new ServiceAccountProjection(new ServiceAccountViews(mongo, () -> collection)));
    }
}
