package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.command.CheckedCachingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service accounts' repository: cached, each cached account checked against the store before a command uses
 * it ({@link CheckedCachingRepository}). Axon takes a bean named {@code serviceAccountRepository} as the aggregate's.
 */
@Configuration(proxyBeanMethods = false)
class ServiceAccountRepositoryConfiguration {

    @Bean
    Repository<ServiceAccount> serviceAccountRepository(EventStore eventStore,
                                                        ParameterResolverFactory parameterResolverFactory,
                                                        HandlerDefinition handlerDefinition) {
        return CheckedCachingRepository.of(ServiceAccount.class, eventStore, parameterResolverFactory,
                handlerDefinition);
    }
}
