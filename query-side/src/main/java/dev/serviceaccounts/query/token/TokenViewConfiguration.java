package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This instance's own token-view processor ({@value TokenEligibilityProjection#INSTANCE_PROCESSING_GROUP}):
 * a tracking processor with an in-memory token store, so it follows every event whoever holds the shared
 * segments, starting where the loaded collection ends ({@link TokenViewStartup}), and acknowledging what
 * it applied ({@link TokenViewAcknowledgements}).
 */
@Configuration(proxyBeanMethods = false)
public class TokenViewConfiguration {

    /** Registers the instance processor with its token store, start position and acknowledgements. */
    @Bean
    public ConfigurerModule instanceTokenViewProcessor(ObjectProvider<TokenViewStartup> startup,
                                                       ObjectProvider<TokenViewAcknowledgements> acknowledgements,
                                                       ServiceAccountsProperties properties) {
        String name = TokenEligibilityProjection.INSTANCE_PROCESSING_GROUP;
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(name, configuration -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(name, configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.tokenView().batchSize())
                                .andInitialTrackingToken(source -> startup.getObject().startToken()))
                .registerHandlerInterceptor(name, configuration -> acknowledgements.getObject().interceptor()));
    }
}
