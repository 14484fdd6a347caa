package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ClientSecretRotatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountReactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds the service-account view ({@link ServiceAccountView} documents) from the event store, on a
 * tracking event processor. Every event of an account, its contact's directory events included, comes
 * from the account's aggregate, so an event at or below a document's version has been applied and is
 * skipped (idempotent under at-least-once delivery). {@code updatedAt} is the event's timestamp;
 * {@code functional}, {@code usable} and {@code reasons} are derived by {@link AccountDraft#build};
 * {@code tokensValidAfter} and {@code tokensValidFromVersion} move with each reset, deactivation and deletion,
 * to the event's timestamp and sequence number ({@code TokenCutoff}).
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
            views.save(AccountDraft.created(event, sequence));
        }
    }

    @EventHandler
    void on(ServiceAccountEditedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at,
                draft -> draft.named(event.name(), event.appType(), event.marketplaceAppId()));
    }

    @EventHandler
    void on(ClientSecretResetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.reset(event.newSecret()).tokensRevokedAt(at, sequence));
    }

    @EventHandler
    void on(ClientSecretRotatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.rotate(event.newSecret(),
                event.previousSecretId().value(), event.previousExpiresAt()));
    }

    @EventHandler
    void on(ServiceAccountDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at,
                draft -> draft.status(AccountStatus.DEACTIVATED).tokensRevokedAt(at, sequence));
    }

    @EventHandler
    void on(ServiceAccountReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.status(AccountStatus.ACTIVE));
    }

    @EventHandler
    void on(ServiceAccountDeletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at,
                draft -> draft.status(AccountStatus.DELETED).tokensRevokedAt(at, sequence));
    }

    @EventHandler
    void on(CompanyPermissionGrantedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.permission(event.tool(), event.level()));
    }

    @EventHandler
    void on(CompanyPermissionRevokedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.permission(event.tool(), PermissionLevel.NONE));
    }

    @EventHandler
    void on(ProjectMembershipSetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.project(event.projectId(), event.permissions()));
    }

    @EventHandler
    void on(ProjectMembershipRemovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.withoutProject(event.projectId()));
    }

    /** A service account's contact email changed (a person's is not this view's business). */
    @EventHandler
    void on(DirectoryEmailChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.email(event.email()));
    }

    @EventHandler
    void on(ContactAddedToDirectoryEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.inDirectory(event.companyId().value(), true));
    }

    @EventHandler
    void on(ContactRemovedFromDirectoryEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence, at, draft -> draft.inDirectory(event.companyId().value(), false));
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }

    /** Applies {@code change} to the account's view unless the event was applied already; null id: a person. */
    private void update(ServiceAccountId id, long sequence, Instant at, UnaryOperator<AccountDraft> change) {
        if (id == null) {
            return;
        }
        views.find(id.value())
                .filter(view -> view.version() < sequence)
                .map(view -> change.apply(AccountDraft.of(view)).build(sequence, at))
                .ifPresent(views::save);
    }
}
