package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.EventMetaData;
import dev.serviceaccounts.api.directory.ContactView;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A service account as it was at an instant (docs/design.md §5, docs/decisions.md D33): the events of its aggregate
 * stamped at or before the instant, folded by the fold the views use ({@link AccountState}), with who last changed
 * each permission ({@link PermissionChanges}) read from each event's metadata.
 *
 * <p>Every event of an account, its contact's directory events included (email changed, added to or removed from
 * a directory), is an event of the account's own aggregate, so its event stream alone gives {@code functional} and
 * the reasons as the live view has them. Times are read to the millisecond, the precision of the views: an event
 * counts when its timestamp, truncated to the millisecond, is not after the instant. The fold stops at the first
 * event stamped after the instant, so the state is always that of a prefix of the account's history.
 *
 * @param state             the folded state at the instant
 * @param permissionChanges who last changed each permission, and when
 */
public record AccountAtInstant(AccountState state, PermissionChanges permissionChanges) {

    /**
     * @param events  an aggregate's events in sequence order
     * @param instant the instant, to the millisecond
     * @return the account at {@code instant}; empty when it did not exist yet, or the events are not a service
     *         account's
     */
    public static Optional<AccountAtInstant> fold(Iterator<? extends DomainEventMessage<?>> events, Instant instant) {
        AccountState state = null;
        PermissionChanges changes = PermissionChanges.NONE;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Instant at = millis(event.getTimestamp());
            if (at.isAfter(instant)) {
                break;
            }
            Optional<AccountState> next = AccountState.after(state, event.getPayload(), event.getSequenceNumber(), at);
            if (next.isPresent()) {
                if (state != null) {
                    Object actor = event.getMetaData().get(EventMetaData.ACTOR);
                    changes = changes.after(state, next.get(), actor == null ? null : actor.toString(), at);
                }
                state = next.get();
            }
        }
        return state == null ? Optional.empty() : Optional.of(new AccountAtInstant(state, changes));
    }

    /**
     * @return the account as {@code GET .../service-accounts/{id}?asOf=} shows it: the live view's fields as they
     *         were at {@code asOf} (the secrets active then, ids and times only, without {@code lastUsedAt}, which
     *         is no part of the history, docs/decisions.md D26), {@code asOf} and {@code permissionChanges}
     */
    public ServiceAccountAsOfView view(Instant asOf) {
        return new ServiceAccountAsOfView(toMillis(state.secretsActiveAt(asOf).view()), asOf, permissionChanges);
    }

    /** @return {@code at} truncated to the millisecond, as the views store times; null stays null */
    static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** @return {@code view} with its times to the millisecond, as the stored live view has them */
    private static ServiceAccountView toMillis(ServiceAccountView view) {
        ContactView contact = view.contact();
        return new ServiceAccountView(view.id(), view.companyId(), view.name(), view.appType(),
                view.marketplaceAppId(), view.clientId(), contact, view.permissions(), view.projects(),
                view.secrets().stream().map(secret -> new SecretView(secret.secretId(), millis(secret.createdAt()),
                        millis(secret.expiresAt()))).toList(),
                view.status(), view.functional(), view.usable(), view.reasons(), millis(view.createdAt()),
                millis(view.updatedAt()), millis(view.tokensValidAfter()), view.tokensValidFromVersion(),
                view.version());
    }
}
