package dev.serviceaccounts.command.serviceaccount;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link TokenViewFreshness#eventRecorder()} on the event store, which takes every event dispatch
 * interceptor bean of the app ({@code AxonMongoAutoConfiguration}), so that each command notes the
 * service-account events it writes for its wait on the query side's token views.
 */
@Configuration(proxyBeanMethods = false)
public class TokenViewEventRecording {

    /** The recorder of the events each command writes. */
    @Bean
    public MessageDispatchInterceptor<EventMessage<?>> tokenViewEventRecorder(TokenViewFreshness tokenViews) {
        return tokenViews.eventRecorder();
    }
}
