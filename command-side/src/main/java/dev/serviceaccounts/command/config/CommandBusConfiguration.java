package dev.serviceaccounts.command.config;

import dev.serviceaccounts.api.EventMetaData;
import dev.serviceaccounts.command.DomainException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
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
 * into the metadata of the events it causes (docs/design.md §4: who did what when).
 */
@Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    /**
     * The gateway every controller sends through: it retries a command that lost a concurrency race with
     * another command-side instance (up to 3 times), see {@link ConflictRetryScheduler}; each command gets the
     * actor and request id of the HTTP request that sends it ({@link RequestMetaDataInterceptor}).
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .dispatchInterceptors(new RequestMetaDataInterceptor())
                .retryScheduler(new ConflictRetryScheduler(commandRetryExecutor, 3, 20))
                .build();
    }

    /** The thread that re-sends commands after a conflict; stopped with the context. */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The threads that issue a create's preparing writes alongside each other (docs/decisions.md D41): at most 64;
     * beyond that a write runs on the request thread itself (one after the other, as before). Stopped with the
     * context.
     */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService commandPreparationExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "command-preparation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Wraps a {@link DomainException} into a {@link CommandExecutionException} carrying its details. */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> domainExceptionInterceptor() {
        return DomainExceptionInterceptor.INSTANCE;
    }

    /** Copies actor and request id, plus Axon's correlation and trace ids, to every event. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(EventMetaData.ACTOR, EventMetaData.REQUEST_ID);
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
