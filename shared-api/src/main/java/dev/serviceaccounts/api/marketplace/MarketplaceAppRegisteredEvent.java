package dev.serviceaccounts.api.marketplace;

import dev.serviceaccounts.api.PlatformEvent;
import java.time.Instant;

/**
 * The operator registered a marketplace app: service accounts of App Type MARKETPLACE may name it from now on
 * (docs/design.md §3, docs/decisions.md D48). An app is never removed.
 *
 * @param marketplaceAppId the app's id as accounts name it (trimmed, a name by {@link dev.serviceaccounts.api.Names})
 * @param name             its display name ({@link dev.serviceaccounts.api.Names}, trimmed)
 * @param registeredAt     when it was registered, millisecond precision
 */
public record MarketplaceAppRegisteredEvent(String marketplaceAppId, String name, Instant registeredAt)
        implements PlatformEvent {
}
