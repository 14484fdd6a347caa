package dev.serviceaccounts.query.audit;

import java.util.List;

/**
 * The query-string parameters of the audit history as sent, each null when absent (bound by Spring MVC);
 * {@link AuditQuery#parse} checks them.
 *
 * @param aggregateId an aggregate's id (UUID)
 * @param type        event types, repeatable ({@code type=A&type=B}: either)
 * @param actor       a {@code client_id} or {@code operator}
 * @param from        ISO-8601 instant, inclusive
 * @param to          ISO-8601 instant, exclusive
 * @param order       {@code newest} (default) or {@code oldest} first
 * @param cursor      the {@code nextCursor} of the previous page
 * @param limit       page size, 1–100, default 50 (not for the export, which has no pages)
 */
public record AuditParameters(String aggregateId, List<String> type, String actor, String from, String to,
                              String order, String cursor, String limit) {
}
