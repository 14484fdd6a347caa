package dev.serviceaccounts.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a tracking processor does when a projection fails on an event: the failure ends the batch, nothing of it is
 * kept (its token does not move), and the processor tries the batch again after its back-off. Axon's default logs
 * the failure and goes on with the next event, so a view would lack that event for good, e.g. after MongoDB was
 * unreachable for a second ({@code kill -9} of the embedded one, a replica-set election; docs/operations.md,
 * docs/decisions.md D43). Applying an event again changes nothing (each projection's version check, D37). No
 * event is skipped any more: one that fails every time holds its processor back, retried with a WARN each time.
 */
@Configuration(proxyBeanMethods = false)
public class HandlerFailureConfiguration {

    /** Every processor's handlers propagate their failures ({@link PropagatingErrorHandler}). */
    @Bean
    public ConfigurerModule propagateHandlerFailures() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance()));
    }
}
