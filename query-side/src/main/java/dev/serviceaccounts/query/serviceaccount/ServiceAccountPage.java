package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One page of the service-account list.
 *
 * @param nextCursor the {@code cursor} that fetches the next page; null on the last page
 */
public record ServiceAccountPage(List<ServiceAccountView> items, String nextCursor) {

    /** @return the first {@code limit} of {@code found} (fetched with one more, to learn whether more exist) */
    static ServiceAccountPage of(List<ServiceAccountView> found, int limit) {
        if (found.size() <= limit) {
            return new ServiceAccountPage(List.copyOf(found), null);
        }
        List<ServiceAccountView> items = List.copyOf(found.subList(0, limit));
        ServiceAccountView last = items.get(limit - 1);
        return new ServiceAccountPage(items, new PageCursor(last.createdAt(), last.id()).encode());
    }

    /** @return this page with {@code change} applied to every item */
    public ServiceAccountPage map(UnaryOperator<ServiceAccountView> change) {
        return new ServiceAccountPage(items.stream().map(change).toList(), nextCursor);
    }
}
