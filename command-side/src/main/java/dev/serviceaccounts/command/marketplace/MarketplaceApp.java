package dev.serviceaccounts.command.marketplace;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.Names;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.marketplace.MarketplaceAppRegisteredEvent;
import dev.serviceaccounts.command.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A marketplace app that MARKETPLACE service accounts may name (docs/decisions.md D48). Its aggregate id is its
 * app id behind a prefix ({@link #aggregateId}), so one id is one event stream: the store's unique (aggregate id,
 * sequence) index lets exactly one of two concurrent registrations of an id append; the other is retried against
 * the stored app and refused 409 {@link ErrorCode#MARKETPLACE_APP_EXISTS}.
 */
@Aggregate
class MarketplaceApp {

    /** Before the app id in its aggregate id: another aggregate's id (a UUID) never starts so. */
    static final String ID_PREFIX = "marketplace-app:";

    @AggregateIdentifier
    private String aggregateId;

    /**
     * Registers the app, or refuses when it exists. Id and name: {@link Names} (1–255 characters after trimming,
     * no control or invisible format characters).
     *
     * @throws DomainException INVALID_FIELD ({@code id}, {@code name}), MARKETPLACE_APP_EXISTS
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterMarketplaceAppCommand command) {
        if (aggregateId != null) {
            throw new DomainException(ErrorCode.MARKETPLACE_APP_EXISTS,
                    "A marketplace app with this id is already registered");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String id = Names.check(command.marketplaceAppId(), "id", errors);
        String name = Names.check(command.name(), "name", errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields(errors);
        }
        apply(new MarketplaceAppRegisteredEvent(id, name, command.registeredAt()));
    }

    @EventSourcingHandler
    void on(MarketplaceAppRegisteredEvent event) {
        this.aggregateId = aggregateId(event.marketplaceAppId());
    }

    /** @return the aggregate id of the app {@code marketplaceAppId} (trimmed) */
    static String aggregateId(String marketplaceAppId) {
        return ID_PREFIX + marketplaceAppId;
    }

    MarketplaceApp() {
        // for Axon
    }
}
