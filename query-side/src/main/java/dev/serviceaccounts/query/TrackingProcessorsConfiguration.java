package dev.serviceaccounts.query;

import dev.serviceaccounts.query.audit.AuditProjection;
import dev.serviceaccounts.query.company.CompanyProjection;
import dev.serviceaccounts.query.directory.DirectoryProjection;
import dev.serviceaccounts.query.marketplace.MarketplaceAppProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.token.TokenEligibilityProjection;
import dev.serviceaccounts.support.config.CommonProperties;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's tracking processors whose tokens are stored (each instance's own token-view processor is
 * {@code TokenViewConfiguration}'s): one thread and one segment each (the audit history has one writer,
 * docs/decisions.md D32), batches of {@code service-accounts.event-batch-size} events, as many as one read of the
 * event store returns (D42). A processor without a token starts at the first event with a plain tracking token,
 * not with Axon's default, a replay token wrapping the head: with the Mongo tracking token that replay token merged
 * the ids of every event passed into its reset position and copied them for each event, which made a rebuild from
 * the first event quadratic in the store's size (docs/decisions.md D50). Registered here rather than under
 * {@code axon.eventhandling.processors}, whose processors Axon's Spring Boot configuration builds with the default.
 * In the application's package: it names the processing groups of several feature packages, which no feature
 * package may depend on (docs/decisions.md D21).
 */
@Configuration(proxyBeanMethods = false)
public class TrackingProcessorsConfiguration {

    /** The stored processors, by name (each its projection's processing group). */
    public static final List<String> STORED = List.of(TokenEligibilityProjection.PROCESSING_GROUP,
            ServiceAccountProjection.PROCESSING_GROUP, DirectoryProjection.PROCESSING_GROUP,
            CompanyProjection.PROCESSING_GROUP, MarketplaceAppProjection.PROCESSING_GROUP,
            AuditProjection.PROCESSING_GROUP);

    /** Registers the stored processors on the event store. */
    @Bean
    public ConfigurerModule storedTrackingProcessors(CommonProperties properties) {
        return configurer -> configurer.eventProcessing(processing -> STORED.forEach(name ->
                processing.registerTrackingEventProcessor(name, configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.eventBatchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))));
    }
}
