package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import java.time.Instant;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * "Tokens die with their credentials" (docs/design.md §4): the account's {@link TokenCutoff}, moved to the time
 * and sequence number of each secret reset, deactivation and deletion and never moved back, so neither a
 * reactivation nor a later grant brings an older token back to life.
 */
class TokenValidity {

    private TokenCutoff cutoff;

    /** @return the account's token cutoff; null when never moved */
    TokenCutoff cutoff() {
        return cutoff;
    }

    @EventSourcingHandler
    void on(ClientSecretResetEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        cutoff = TokenCutoff.moved(cutoff, at, sequence);
    }

    @EventSourcingHandler
    void on(ServiceAccountDeactivatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        cutoff = TokenCutoff.moved(cutoff, at, sequence);
    }

    @EventSourcingHandler
    void on(ServiceAccountDeletedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        cutoff = TokenCutoff.moved(cutoff, at, sequence);
    }
}
