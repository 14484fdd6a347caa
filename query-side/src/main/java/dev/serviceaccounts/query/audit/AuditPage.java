package dev.serviceaccounts.query.audit;

import java.util.List;

/**
 * One page of the audit history, shaped as the service-account list's.
 *
 * @param nextCursor the {@code cursor} that fetches the next page; null (absent) on the last page
 */
public record AuditPage(List<AuditEntry> items, String nextCursor) {

    /** @return the first {@code limit} of {@code found} (fetched with one more, to learn whether more exist) */
    static AuditPage of(List<AuditEntry> found, int limit) {
        if (found.size() <= limit) {
            return new AuditPage(List.copyOf(found), null);
        }
        List<AuditEntry> items = List.copyOf(found.subList(0, limit));
        return new AuditPage(items, new AuditCursor(items.get(limit - 1).sortKey()).encode());
    }
}
