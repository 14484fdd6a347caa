package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import java.time.Instant;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * "Tokens die with their credentials" (docs/design.md §4): the account's {@link TokenCutoff}, moved to the time of
 * each secret reset, deactivation and deletion (the event's timestamp) and never moved back, so neither a
 * reactivation nor a later grant brings an older token back to life.
 */
class TokenValidity {

    private Instant validAfter;

    /** @return the instant before which the account's access tokens no longer count; null when never moved */
    Instant validAfter() {
        return validAfter;
    }

    @EventSourcingHandler
    void on(ClientSecretResetEvent event, @Timestamp Instant at) {
        moveTo(at);
    }

    @EventSourcingHandler
    void on(ServiceAccountDeactivatedEvent event, @Timestamp Instant at) {
        moveTo(at);
    }

    @EventSourcingHandler
    void on(ServiceAccountDeletedEvent event, @Timestamp Instant at) {
        moveTo(at);
    }

    private void moveTo(Instant eventTime) {
        Instant cutoff = TokenCutoff.after(eventTime);
        if (validAfter == null || cutoff.isAfter(validAfter)) {
            validAfter = cutoff;
        }
    }
}
