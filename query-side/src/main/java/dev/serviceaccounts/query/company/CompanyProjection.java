package dev.serviceaccounts.query.company;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.query.view.RebuildableView;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link KnownCompanies} view from {@link CompanyCreatedEvent}s on its own tracking event
 * processor. A company is never renamed or removed, so an upsert of its one event is idempotent under
 * at-least-once delivery. The creation time is the event's timestamp.
 */
@Component
@ProcessingGroup(CompanyProjection.PROCESSING_GROUP)
public class CompanyProjection {

    /** Name of this projection's tracking event processor. */
    public static final String PROCESSING_GROUP = "companies-view";

    private final KnownCompanies companies;

    public CompanyProjection(KnownCompanies companies) {
        this.companies = companies;
    }

    @EventHandler
    void on(CompanyCreatedEvent event, @Timestamp Instant createdAt) {
        companies.add(event.companyId().value(), event.name(), createdAt);
    }

    @ResetHandler
    void reset() {
        companies.deleteAll();
    }

    /** @return this view rebuilt beside the live one (docs/decisions.md D39): this projection, another collection */
    @Bean
    static RebuildableView companiesRebuildable(MongoTemplate mongo) {
        return RebuildableView.of(PROCESSING_GROUP, KnownCompanies.COLLECTION,
                collection -> new CompanyProjection(new KnownCompanies(mongo, () -> collection)));
    }
}
