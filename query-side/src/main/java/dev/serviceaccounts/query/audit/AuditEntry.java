package dev.serviceaccounts.query.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * One event of the audit history, a document of {@code audit_events} (docs/design.md §5, docs/decisions.md D32).
 *
 * @param eventId       the event's identifier ({@code _id}, so a redelivered event is written once)
 * @param sortKey       the history's order: 1, 2, 3… in the order the projection wrote the entries; never shown
 * @param companyIds    the companies whose auditors see it: the event's company and, for a directory event, the
 *                      company that owns the contact's aggregate; null (not stored) for a platform event, which
 *                      is in no company; never shown
 * @param time          when the event was stored (millisecond precision)
 * @param actor         the {@code client_id} that caused it, or {@code "operator"}; null when no request did
 * @param requestId     the request that caused it; null when none did
 * @param type          the event's type, its simple class name ({@code ServiceAccountCreatedEvent})
 * @param aggregateType the aggregate that applied it ({@code ServiceAccount}, {@code Person}, {@code Company})
 * @param aggregateId   that aggregate's id
 * @param payload       the event as JSON, secret hashes redacted ({@link AuditPayloads}); shown as JSON
 */
@JsonPropertyOrder({"eventId", "time", "actor", "requestId", "type", "aggregateType", "aggregateId", "payload"})
public record AuditEntry(@Id String eventId, @JsonIgnore long sortKey, @JsonIgnore List<String> companyIds,
                         Instant time, String actor, String requestId, String type, String aggregateType,
                         String aggregateId, @JsonRawValue String payload) {

    /** @return this entry with {@code key} as its sort key */
    AuditEntry withSortKey(long key) {
        return new AuditEntry(eventId, key, companyIds, time, actor, requestId, type, aggregateType, aggregateId,
                payload);
    }
}
