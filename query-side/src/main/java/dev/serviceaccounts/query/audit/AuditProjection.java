package dev.serviceaccounts.query.audit;

import dev.serviceaccounts.api.EventMetaData;
import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.query.view.RebuildableView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the audit history ({@link AuditEvents}) from the event store on its own tracking processor, one
 * entry per event (docs/design.md §5, docs/decisions.md D32): its time, the actor and request id of its
 * metadata (as the command side's request interceptor writes them), its type, aggregate and redacted payload
 * ({@link AuditPayloads}). Each entry takes the next sort key after the highest written (at the end of the
 * processor's batch, in the batch's order, docs/decisions.md D42); the processor has one segment, so one writer at
 * a time appends, and the unique sort key index turns a second writer's clash into a retry. A redelivered event
 * finds its entry ({@code _id} = event identifier) and is skipped.
 *
 * <p>Its companies: the event's own ({@link CompanyScopedEvent}, every event but a platform one is one); for a
 * directory event, whose company is the directory's, also the company of the aggregate's first entry, which owns
 * the contact; for an event naming no company, the latter alone. A platform event
 * ({@link dev.serviceaccounts.api.PlatformEvent}: the operator registered a marketplace app) is in no company: its
 * entry (time, actor, request id, payload) is kept with no company (docs/decisions.md D48): without the field, not
 * with an empty list, which would leave the company indexes of the embedded store unable to answer (D38).
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
public class AuditProjection {

    /** Name of this projection's tracking event processor. */
    public static final String PROCESSING_GROUP = "audit-events";

    private final AuditEvents entries;

    public AuditProjection(AuditEvents entries) {
        this.entries = entries;
    }

    /** Writes the entry of any event, once, with the next sort key ({@link AuditEvents#append}). */
    @EventHandler
    void on(Object event, EventMessage<?> message) {
        String aggregateType = null;
        String aggregateId = null;
        long sequence = 0;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        Set<String> companies = new LinkedHashSet<>();
        if (event instanceof CompanyScopedEvent scoped) {
            companies.add(scoped.companyId().value());
        }
        if (aggregateId != null && sequence > 0 && (companies.isEmpty() || directoryEvent(event))) {
            entries.companiesOf(aggregateId).flatMap(owner -> owner.stream().findFirst()).ifPresent(companies::add);
        }
        List<String> companyIds = companies.isEmpty() ? null : List.copyOf(companies);
        entries.append(new AuditEntry(message.getIdentifier(), 0, companyIds,
                message.getTimestamp(), text(message.getMetaData().get(EventMetaData.ACTOR)),
                text(message.getMetaData().get(EventMetaData.REQUEST_ID)), event.getClass().getSimpleName(), aggregateType,
                aggregateId, AuditPayloads.redacted(event)));
    }

    @ResetHandler
    void reset() {
        entries.deleteAll();
    }

    /**
     * @return the history rebuilt beside the live one (docs/decisions.md D39): this projection into another
     *         collection, its sort keys handed out from 1 by the rebuild's one writer; the live processor, stopped
     *         while the readers switch, then goes on from the highest key there
     */
    @Bean
    static RebuildableView auditRebuildable(MongoTemplate mongo) {
        return RebuildableView.of(PROCESSING_GROUP, AuditEvents.COLLECTION,
                collection -> new AuditProjection(new AuditEvents(mongo, () -> collection)));
    }

    private static boolean directoryEvent(Object event) {
        return event instanceof ContactAddedToDirectoryEvent || event instanceof ContactRemovedFromDirectoryEvent
                || event instanceof DirectoryEmailChangedEvent;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
