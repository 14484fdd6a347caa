package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ClientSecretRotatedEvent;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountReactivatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * The one fold of the events into token-eligibility entries: secrets (a reset replaces them all at once,
 * a rotation keeps the previous one until its {@code expiresAt}), status, permissions, the contact
 * facts that make an account functional, and the token cutoff (moved by reset, deactivation and deletion,
 * to the event's timestamp and sequence number). Two tracking processors run it (see {@code docs/token-freshness.md}):
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

    /** Name of the shared tracking processor that keeps the {@code token_eligibility} collection. */
    public static final String PROCESSING_GROUP = "token-eligibility";
    /** Name of each instance's own tracking processor that keeps its in-memory view. */
    public static final String INSTANCE_PROCESSING_GROUP = "token-eligibility-instance";

    private final EligibleClients view;

    TokenEligibilityProjection(EligibleClients view) {
        this.view = view;
    }

    @EventHandler
    void on(ServiceAccountCreatedEvent event, @SequenceNumber long sequence) {
        if (view.findByServiceAccount(event.serviceAccountId().value()).isEmpty()) {
            String companyId = event.companyId().value();
            view.save(new EligibleClient(event.clientId().value(), event.serviceAccountId().value(), companyId,
                    AccountStatus.ACTIVE, List.of(event.secret()), CompanyPermissions.NONE,
                    event.contactEmail(), event.contactEmail(), List.of(companyId), sequence, null, 0));
        }
    }

    @EventHandler
    void on(ClientSecretResetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence,
                c -> c.withSecrets(List.of(event.newSecret()), CompanyPermissions.NONE, sequence)
                        .withTokensRevokedAt(at, sequence));
    }

    @EventHandler
    void on(ClientSecretRotatedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence, c -> c.withSecrets(rotated(c.secrets(), event), c.permissions(), sequence));
    }

    @EventHandler
    void on(ServiceAccountDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence,
                c -> c.withStatus(AccountStatus.DEACTIVATED, sequence).withTokensRevokedAt(at, sequence));
    }

    @EventHandler
    void on(ServiceAccountReactivatedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence, c -> c.withStatus(AccountStatus.ACTIVE, sequence));
    }

    @EventHandler
    void on(ServiceAccountDeletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.serviceAccountId(), sequence,
                c -> c.withStatus(AccountStatus.DELETED, sequence).withTokensRevokedAt(at, sequence));
    }

    @EventHandler
    void on(CompanyPermissionGrantedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence,
                c -> c.withPermissions(c.permissions().with(event.tool(), event.level()), sequence));
    }

    @EventHandler
    void on(CompanyPermissionRevokedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence,
                c -> c.withPermissions(c.permissions().with(event.tool(), PermissionLevel.NONE), sequence));
    }

    @EventHandler
    void on(DirectoryEmailChangedEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence, c -> c.withContact(event.email(), c.directoryIds(), sequence));
    }

    @EventHandler
    void on(ContactAddedToDirectoryEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence, c -> c.withContact(c.email(),
                directories(c.directoryIds(), event.companyId().value(), true), sequence));
    }

    @EventHandler
    void on(ContactRemovedFromDirectoryEvent event, @SequenceNumber long sequence) {
        update(event.serviceAccountId(), sequence, c -> c.withContact(c.email(),
                directories(c.directoryIds(), event.companyId().value(), false), sequence));
    }

    @ResetHandler
    void reset() {
        view.clear();
    }

    /** Applies {@code change} unless the event was applied already; a null id is a person's contact event. */
    private void update(ServiceAccountId serviceAccountId, long sequence, UnaryOperator<EligibleClient> change) {
        if (serviceAccountId == null) {
            return;
        }
        view.findByServiceAccount(serviceAccountId.value())
                .filter(client -> client.version() < sequence)
                .map(change)
                .ifPresent(view::save);
    }

    /** @return the previous secret, now ending at {@code previousExpiresAt}, and the new one: nothing else */
    private static List<HashedSecret> rotated(List<HashedSecret> secrets, ClientSecretRotatedEvent event) {
        List<HashedSecret> kept = new ArrayList<>(2);
        for (HashedSecret secret : secrets) {
            if (secret.secretId().equals(event.previousSecretId())) {
                kept.add(new HashedSecret(secret.secretId(), secret.hash(), secret.createdAt(), event.previousExpiresAt()));
            }
        }
        kept.add(event.newSecret());
        return kept;
    }

    private static List<String> directories(List<String> current, String companyId, boolean member) {
        Set<String> ids = new LinkedHashSet<>(current);
        if (member) {
            ids.add(companyId);
        } else {
            ids.remove(companyId);
        }
        return List.copyOf(ids);
    }
}
