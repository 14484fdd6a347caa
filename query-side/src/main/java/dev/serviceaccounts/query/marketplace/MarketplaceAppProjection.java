package dev.serviceaccounts.query.marketplace;

import dev.serviceaccounts.api.marketplace.MarketplaceAppRegisteredEvent;
import dev.serviceaccounts.query.view.RebuildableView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link MarketplaceApps} view from {@link MarketplaceAppRegisteredEvent}s on its own tracking event
 * processor (docs/decisions.md D48). An app is registered once and never removed, so an upsert of its one event is
 * idempotent under at-least-once delivery.
 */
@Component
@ProcessingGroup(MarketplaceAppProjection.PROCESSING_GROUP)
public class MarketplaceAppProjection {

    /** Name of this projection's tracking event processor. */
    public static final String PROCESSING_GROUP = "marketplace-apps-view";

    private final MarketplaceApps apps;

    public MarketplaceAppProjection(MarketplaceApps apps) {
        this.apps = apps;
    }

    @EventHandler
    void on(MarketplaceAppRegisteredEvent event) {
        apps.add(event.marketplaceAppId(), event.name(), event.registeredAt());
    }

    @ResetHandler
    void reset() {
        apps.deleteAll();
    }

    /** @return this view rebuilt beside the live one (docs/decisions.md D39): this projection, another collection */
    @Bean
    static RebuildableView marketplaceAppsRebuildable(MongoTemplate mongo) {
        return RebuildableView.of(PROCESSING_GROUP, MarketplaceApps.COLLECTION,
                collection -> new MarketplaceAppProjection(new MarketplaceApps(mongo, () -> collection)));
    }
}
