package dev.serviceaccounts.query.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.marketplace.MarketplaceAppRegisteredEvent;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marketplace apps view: registrations through the handler, then the app and the pages read back. */
class MarketplaceAppProjectionTests {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    private InMemoryMongo mongo;
    private MarketplaceApps apps;
    private MarketplaceAppProjection projection;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        apps = new MarketplaceApps(mongo.template());
        projection = new MarketplaceAppProjection(apps);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenRegisteredThenFoundWithNameAndTime() {
        new EventFeed(projection).publish("marketplace-app:timesheets",
                new MarketplaceAppRegisteredEvent("timesheets", "Timesheets", AT));

        assertThat(apps.find("timesheets")).contains(new MarketplaceAppView("timesheets", "Timesheets", AT));
        assertThat(apps.find("other")).isEmpty();
    }

    @Test
    void whenEventRedeliveredThenStillOneApp() {
        MarketplaceAppRegisteredEvent registered = new MarketplaceAppRegisteredEvent("timesheets", "Timesheets", AT);
        projection.on(registered);
        projection.on(registered);

        assertThat(mongo.template().getCollection(MarketplaceApps.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void whenResetThenNoAppUntilReplayed() {
        projection.on(new MarketplaceAppRegisteredEvent("timesheets", "Timesheets", AT));

        projection.reset();

        assertThat(apps.find("timesheets")).isEmpty();
    }

    @Test
    void whenPagedThenEveryAppOnceOrderedByNameThenId() {
        projection.on(new MarketplaceAppRegisteredEvent("z-app", "Alpha", AT));
        projection.on(new MarketplaceAppRegisteredEvent("a-app", "Beta", AT));
        projection.on(new MarketplaceAppRegisteredEvent("b-app", "Alpha", AT));
        projection.on(new MarketplaceAppRegisteredEvent("c-app", "Alpha", AT));
        projection.on(new MarketplaceAppRegisteredEvent("d-app", "Gamma", AT));

        List<String> ids = new ArrayList<>();
        MarketplaceAppPage page = apps.findPage(null, 2);
        ids.addAll(page.items().stream().map(MarketplaceAppView::id).toList());
        while (page.nextCursor() != null) {
            page = apps.findPage(MarketplaceAppPage.decode(page.nextCursor()), 2);
            ids.addAll(page.items().stream().map(MarketplaceAppView::id).toList());
        }

        assertThat(ids).containsExactly("b-app", "c-app", "z-app", "a-app", "d-app");
    }

    @Test
    void whenCursorIsNotOneOfThisListThenRefused() {
        assertThatThrownBy(() -> MarketplaceAppPage.decode("YzE6YWJj")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MarketplaceAppPage.decode(MarketplaceAppPage.encode(new MarketplaceAppPage.After("A b", "x/y"))))
                .isEqualTo(new MarketplaceAppPage.After("A b", "x/y"));
    }
}
