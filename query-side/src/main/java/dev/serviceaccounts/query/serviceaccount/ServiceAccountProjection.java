package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.directory.ContactView;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds the service-account view ({@link ServiceAccountView} documents) from the event store, on a
 * tracking event processor. Idempotent: an event at or below a document's version is skipped.
 * {@code functional}, {@code usable} and {@code reasons} are derived here (DESIGN §3).
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

    @EventHandler
    void on(ServiceAccountCreatedEvent event, @SequenceNumber long sequence) {
        if (views.find(event.serviceAccountId().value()).isEmpty()) {
            views.save(derive(new ServiceAccountView(event.serviceAccountId().value(), event.companyId().value(),
                    event.name(), event.appType(), event.marketplaceAppId(), event.clientId().value(),
                    new ContactView(event.contactId().value(), event.contactEmail(), event.contactEmail(),
                            List.of(event.companyId().value())), Map.of(), Map.of(),
                    List.of(new SecretView(event.secret().secretId().value(), event.secret().createdAt(), null)),
                    AccountStatus.ACTIVE,
                    false, false, List.of(), event.createdAt(), event.createdAt(), sequence)));
        }
    }

    @EventHandler
    void on(CompanyPermissionGrantedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        setPermission(event.serviceAccountId().value(), event.tool(), event.level(), sequence, at);
    }

    @EventHandler
    void on(CompanyPermissionRevokedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        setPermission(event.serviceAccountId().value(), event.tool(), PermissionLevel.NONE, sequence, at);
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }

    private void setPermission(String id, CompanyTool tool, PermissionLevel level, long sequence, Instant at) {
        views.find(id).filter(view -> view.version() < sequence).ifPresent(view -> {
            Map<CompanyTool, PermissionLevel> permissions =
                    new CompanyPermissions(view.permissions()).with(tool, level).levels();
            views.save(derive(new ServiceAccountView(view.id(), view.companyId(), view.name(), view.appType(),
                    view.marketplaceAppId(), view.clientId(), view.contact(), permissions, view.projects(),
                    view.secrets(), view.status(),
                    false, false, List.of(), view.createdAt(), at, sequence)));
        });
    }

    /** @return {@code view} with {@code functional}, {@code usable} and {@code reasons} computed from its state */
    static ServiceAccountView derive(ServiceAccountView view) {
        List<UnusableReason> reasons = new ArrayList<>();
        if (view.status() == AccountStatus.DEACTIVATED) {
            reasons.add(UnusableReason.DEACTIVATED);
        } else if (view.status() == AccountStatus.DELETED) {
            reasons.add(UnusableReason.DELETED);
        }
        boolean functional = reasons.isEmpty();
        if (view.permissions().isEmpty()) {
            reasons.add(UnusableReason.NO_PERMISSIONS);
        }
        return new ServiceAccountView(view.id(), view.companyId(), view.name(), view.appType(),
                view.marketplaceAppId(), view.clientId(), view.contact(), view.permissions(), view.projects(),
                view.secrets(), view.status(),
                functional, reasons.isEmpty(), List.copyOf(reasons), view.createdAt(), view.updatedAt(),
                view.version());
    }
}
