package dev.serviceaccounts.query.serviceaccount;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.time.Instant;
import java.util.List;

/**
 * A service account as it was at an instant ({@link AccountAtInstant}): in JSON the live view's fields (its
 * {@code secrets} those active then, without {@code lastUsedAt}) followed by {@code asOf} and
 * {@code permissionChanges}.
 *
 * @param account           the account's fields at {@code asOf}
 * @param asOf              the instant asked, to the millisecond, in UTC
 * @param permissionChanges who last changed each company and project tool permission, and when
 */
public record ServiceAccountAsOfView(@JsonUnwrapped ServiceAccountView account, Instant asOf,
                                     PermissionChanges permissionChanges) {

    /**
     * One page of {@code GET .../service-accounts?asOf=}, in the live list's order and with its cursor.
     *
     * @param nextCursor the {@code cursor} of the next page; null on the last page
     */
    public record Page(List<ServiceAccountAsOfView> items, String nextCursor) {

        /** @return the first {@code limit} of {@code found} (gathered with one more, to learn whether more exist) */
        static Page of(List<ServiceAccountAsOfView> found, int limit) {
            if (found.size() <= limit) {
                return new Page(List.copyOf(found), null);
            }
            List<ServiceAccountAsOfView> items = List.copyOf(found.subList(0, limit));
            ServiceAccountView last = items.get(limit - 1).account();
            return new Page(items, new PageCursor(last.createdAt(), last.id()).encode());
        }
    }
}
