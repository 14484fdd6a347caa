package dev.serviceaccounts.query.marketplace;

import java.time.Instant;

/**
 * A registered marketplace app as the query side reads it ({@code GET /api/v1/marketplace-apps[/{id}]}).
 *
 * @param id           the app's id, as MARKETPLACE service accounts name it
 * @param registeredAt when it was registered (millisecond precision)
 */
public record MarketplaceAppView(String id, String name, Instant registeredAt) {
}
