package dev.serviceaccounts.standalone.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.DirectoryContactView;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.directory.DirectoryContacts;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.token.EligibleClient;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ApplicationContext;

/**
 * Compares a query side's views of service accounts with the one fold ({@link AccountState}) of each account's
 * events as the event store holds them, read by aggregate (not through a tracking processor, whose reads are
 * what is checked): the service-account view field by field, the instance's token view (the whole state, secret
 * hashes included) and the account's directory contact (name, email, directories). Instants are compared to the
 * millisecond, what MongoDB keeps.
 */
public final class ViewsAgainstStore {

    private static final Comparator<Instant> TO_THE_MILLI = Comparator.nullsFirst(
            Comparator.comparing((Instant instant) -> instant.truncatedTo(ChronoUnit.MILLIS)));

    private final EventStore store;
    private final ServiceAccountViews views;
    private final TokenEligibilityView tokenView;
    private final DirectoryContacts contacts;

    /** @param querySide the query side whose views are compared (its event store is the shared one) */
    public ViewsAgainstStore(ApplicationContext querySide) {
        this.store = querySide.getBean(EventStore.class);
        this.views = querySide.getBean(ServiceAccountViews.class);
        this.tokenView = querySide.getBean(TokenEligibilityView.class);
        this.contacts = querySide.getBean(DirectoryContacts.class);
    }

    /** @return the fold of every stored event of the account; empty when it has none */
    public Optional<AccountState> fold(String serviceAccountId) {
        AccountState state = null;
        DomainEventStream events = store.readEvents(serviceAccountId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            state = AccountState.after(state, event.getPayload(), event.getSequenceNumber(), event.getTimestamp())
                    .orElse(state);
        }
        return Optional.ofNullable(state);
    }

    /**
     * Waits until every view of every account agrees with its fold, then asserts it (so a view that never does is
     * reported field by field).
     */
    public void assertEveryViewIsTheFold(Collection<String> serviceAccountIds, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!serviceAccountIds.stream().allMatch(this::agrees) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        for (String id : serviceAccountIds) {
            AccountState state = fold(id).orElseThrow(() -> new AssertionError("no events of " + id));
            assertThat(views.find(id)).as("service-account view of " + id).isPresent().get()
                    .usingRecursiveComparison().withComparatorForType(TO_THE_MILLI, Instant.class)
                    .isEqualTo(state.view());
            assertThat(tokenView.findByServiceAccount(id).map(EligibleClient::account)).as("token view of " + id)
                    .isPresent().get().usingRecursiveComparison().withComparatorForType(TO_THE_MILLI, Instant.class)
                    .isEqualTo(state);
            DirectoryContactView contact = contacts.findByServiceAccount(id).orElseThrow(
                    () -> new AssertionError("no directory contact of " + id));
            assertThat(contact.name()).as("contact name of " + id).isEqualTo(state.name());
            assertThat(contact.email()).as("contact email of " + id).isEqualTo(state.email());
            assertThat(contact.companyIds()).as("contact directories of " + id).isEqualTo(state.directoryIds());
        }
    }

    private boolean agrees(String id) {
        Optional<AccountState> state = fold(id);
        Optional<ServiceAccountView> view = views.find(id);
        Optional<EligibleClient> client = tokenView.findByServiceAccount(id);
        Optional<DirectoryContactView> contact = contacts.findByServiceAccount(id);
        return state.isPresent() && view.isPresent() && client.isPresent() && contact.isPresent()
                && view.get().version() == state.get().version()
                && client.get().version() == state.get().version()
                && Objects.equals(contact.get().email(), state.get().email())
                && Objects.equals(contact.get().name(), state.get().name())
                && Objects.equals(contact.get().companyIds(), state.get().directoryIds());
    }
}
