package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.command.CheckedCachingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The people's repository: cached, each cached person checked against the store before a command uses it
 * ({@link CheckedCachingRepository}). Axon takes a bean named {@code personRepository} as the aggregate's.
 */
@Configuration(proxyBeanMethods = false)
class PersonRepositoryConfiguration {

    @Bean
    Repository<Person> personRepository(EventStore eventStore, ParameterResolverFactory parameterResolverFactory,
                                        HandlerDefinition handlerDefinition) {
        return CheckedCachingRepository.of(Person.class, eventStore, parameterResolverFactory, handlerDefinition);
    }
}
