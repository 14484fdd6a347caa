package dev.serviceaccounts.command.config;

import dev.serviceaccounts.command.DomainException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Command bus plumbing: business errors cross the bus as {@link CommandExecutionException} details
 * (code-samples "distributed-exceptions"), and the actor and request id of each command are copied
 * into the metadata of the events it causes (DESIGN §4: who did what when).
 */
@Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    /** Metadata key of the acting {@code client_id} or {@code "operator"}. */
    public static final String ACTOR = "actor";
    /** Metadata key of the HTTP request id ({@code X-Request-Id}). */
    public static final String REQUEST_ID = "requestId";

    /** Wraps a {@link DomainException} into a {@link CommandExecutionException} carrying its details. */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> domainExceptionInterceptor() {
        return DomainExceptionInterceptor.INSTANCE;
    }

    /** Copies actor and request id, plus Axon's correlation and trace ids, to every event. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR, REQUEST_ID);
    }

    /** Keeps Axon's default correlation ids next to ours. */
    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    enum DomainExceptionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
        INSTANCE;

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                             InterceptorChain interceptorChain) throws Exception {
            try {
                return interceptorChain.proceed();
            } catch (DomainException e) {
                throw new CommandExecutionException(e.getMessage(), null, e.details());
            }
        }
    }

}
