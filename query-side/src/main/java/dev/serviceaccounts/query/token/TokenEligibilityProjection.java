package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link TokenEligibilityView} current from the event store (a tracking event processor).
 * Idempotent: an event whose sequence number is not above the entry's version is skipped, so
 * at-least-once delivery (no transactions on the embedded MongoDB) never applies an event twice.
 */
@Component
@ProcessingGroup(TokenEligibilityProjection.PROCESSING_GROUP)
public class TokenEligibilityProjection {

    /** Name of this projection's tracking event processor. */
    public static final String PROCESSING_GROUP = "token-eligibility";

    private final TokenEligibilityView view;

    public TokenEligibilityProjection(TokenEligibilityView view) {
        this.view = view;
    }

    @EventHandler
    void on(ServiceAccountCreatedEvent event, @SequenceNumber long sequence) {
        if (view.findByServiceAccount(event.serviceAccountId().value()).isEmpty()) {
            view.save(new EligibleClient(event.clientId().value(), event.serviceAccountId().value(),
                    event.companyId().value(), AccountStatus.ACTIVE, List.of(event.secret()),
                    CompanyPermissions.NONE, sequence));
        }
    }

    @EventHandler
    void on(CompanyPermissionGrantedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId().value(), sequence,
                c -> withPermissions(c, c.permissions().with(event.tool(), event.level()), sequence));
    }

    @EventHandler
    void on(CompanyPermissionRevokedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId().value(), sequence,
                c -> withPermissions(c, c.permissions().with(event.tool(), PermissionLevel.NONE), sequence));
    }

    @ResetHandler
    void reset() {
        view.clear();
    }

    private void update(String serviceAccountId, long sequence, UnaryOperator<EligibleClient> change) {
        view.findByServiceAccount(serviceAccountId)
                .filter(client -> client.version() < sequence)
                .map(change)
                .ifPresent(view::save);
    }

    private static EligibleClient withPermissions(EligibleClient c, CompanyPermissions permissions, long sequence) {
        return new EligibleClient(c.clientId(), c.serviceAccountId(), c.companyId(), c.status(), c.secrets(),
                permissions, sequence);
    }
}
