package dev.serviceaccounts.command.marketplace;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a marketplace app. Operator only (checked before it is sent). A platform command: it acts in no
 * company, so it is no {@code CompanyScopedCommand} and lives on the command side, not in the shared API
 * (docs/decisions.md D48).
 *
 * @param marketplaceAppId the app's id as accounts name it (trimmed by the aggregate)
 * @param registeredAt     when, millisecond precision
 */
record RegisterMarketplaceAppCommand(String marketplaceAppId, String name, Instant registeredAt) {

    /** @return the app's aggregate: {@link MarketplaceApp#aggregateId} of the trimmed id */
    @TargetAggregateIdentifier
    String aggregateId() {
        return MarketplaceApp.aggregateId(marketplaceAppId == null ? "" : marketplaceAppId.trim());
    }
}
