package dev.serviceaccounts.command.marketplace;

import static dev.serviceaccounts.command.DomainErrors.domainError;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.marketplace.MarketplaceAppRegisteredEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** The marketplace app aggregate: an id registered once, id and name by the rule of names (docs/decisions.md D48). */
class MarketplaceAppTests {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    private final AggregateTestFixture<MarketplaceApp> fixture = new AggregateTestFixture<>(MarketplaceApp.class);

    @Test
    void registerWhenNewIdThenRegisteredTrimmed() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMarketplaceAppCommand("  procore-timesheets ", "  Timesheets  ", AT))
                .expectEvents(new MarketplaceAppRegisteredEvent("procore-timesheets", "Timesheets", AT));
    }

    @Test
    void registerWhenIdAlreadyRegisteredThenMarketplaceAppExistsAndNoEvent() {
        fixture.givenCommands(new RegisterMarketplaceAppCommand("procore-timesheets", "Timesheets", AT))
                .when(new RegisterMarketplaceAppCommand(" procore-timesheets", "Other name", AT.plusSeconds(1)))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.MARKETPLACE_APP_EXISTS));
    }

    @Test
    void registerWhenIdBlankOrNameHasControlCharacterThenInvalidFieldsAndNoEvent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMarketplaceAppCommand(" ", "Time\u202Esheets", AT))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "id"))
                .expectException(domainError(ErrorCode.INVALID_FIELD, "name"));
    }

    @Test
    void registerWhenIdLongerThan255CharactersThenInvalidField() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMarketplaceAppCommand("a".repeat(256), "Timesheets", AT))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "id"));
    }

    @Test
    void registerWhenIdNullThenInvalidFieldNotAMissingTarget() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMarketplaceAppCommand(null, "Timesheets", AT))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "id"));
    }
}
