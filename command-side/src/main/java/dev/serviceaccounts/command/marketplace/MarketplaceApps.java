package dev.serviceaccounts.command.marketplace;

import dev.serviceaccounts.command.AggregateReads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Which marketplace apps are registered, read from their aggregates (the event store), never from a view
 * (docs/decisions.md D48). An app is never removed, so an app once read is remembered for good (no read per
 * request, as {@code Companies}, docs/decisions.md D41); an unknown id costs one point read of the store each time.
 */
@Service
public class MarketplaceApps {

    private final AggregateReads<MarketplaceApp> reads;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public MarketplaceApps(ObjectProvider<Configuration> axon) {
        this.reads = new AggregateReads<>(MarketplaceApp.class, axon::getObject);
    }

    /** @return true when an app with this id (as given: the caller trims) was registered; false for null */
    public boolean isRegistered(String marketplaceAppId) {
        if (marketplaceAppId == null) {
            return false;
        }
        if (known.contains(marketplaceAppId)) {
            return true;
        }
        boolean registered = reads.read(MarketplaceApp.aggregateId(marketplaceAppId), app -> Boolean.TRUE)
                .orElse(false);
        if (registered) {
            known.add(marketplaceAppId);
        }
        return registered;
    }
}
