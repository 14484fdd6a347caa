package dev.serviceaccounts.query.serviceaccount;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Service accounts at a past instant, rebuilt from the event store (docs/design.md §5, docs/decisions.md D33):
 * each account's events are read from its aggregate's stream and folded up to the instant ({@link AccountAtInstant}),
 * on every request; nothing is stored.
 *
 * <p>Cost: one account reads its own events, O(events of the account). A page of the list reads the company's
 * account ids created by then from the service-account view, in list order after the cursor, and folds each until
 * the page is full: O(accounts looked at × their events), where with a filter that few accounts pass every account
 * of the company may be looked at. That is accepted for an audit query; the page holds at most
 * {@value ServiceAccountListQuery#MAX_AS_OF_LIMIT} accounts.
 */
@Component
public class AccountHistories {

    private final EventStore events;
    private final ServiceAccountViews views;

    public AccountHistories(EventStore events, ServiceAccountViews views) {
        this.events = events;
        this.views = views;
    }

    /**
     * @return the account with this id at {@code instant}; empty when it did not exist then (unknown, or created
     *         later) or {@code id} is not a service account's
     */
    public Optional<AccountAtInstant> at(String id, Instant instant) {
        // from sequence 0: the whole stream, never starting from a snapshot
        return AccountAtInstant.fold(events.readEvents(id, 0L), instant);
    }

    /**
     * @param query its filters, cursor, limit and {@code asOf} (not null)
     * @return the page of the company's accounts that existed at {@code query.asOf()} and matched the query's
     *         filters then, in the live list's order (creation time, then id)
     */
    public ServiceAccountAsOfView.Page page(String companyId, ServiceAccountListQuery query) {
        Instant asOf = query.asOf();
        List<ServiceAccountAsOfView> found = new ArrayList<>(query.limit() + 1);
        try (Stream<String> ids = views.idsCreatedBy(companyId, asOf, query.after())) {
            Iterator<String> candidates = ids.iterator();
            while (found.size() <= query.limit() && candidates.hasNext()) {
                at(candidates.next(), asOf)
                        .filter(account -> account.state().companyId().equals(companyId))
                        .map(account -> account.view(asOf))
                        .filter(view -> query.matches(view.account()))
                        .ifPresent(found::add);
            }
        }
        return ServiceAccountAsOfView.Page.of(found, query.limit());
    }
}
