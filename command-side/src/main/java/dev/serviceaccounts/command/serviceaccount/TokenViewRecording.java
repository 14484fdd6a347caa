package dev.serviceaccounts.command.serviceaccount;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link TokenViewFreshness#eventRecorder()} on the event store at start, before any command, so that
 * the note of which service-account events a command wrote stays with the feature that waits on it.
 */
@Configuration(proxyBeanMethods = false)
class TokenViewRecording {

    @Bean
    InitializingBean tokenViewEventRecorder(EventStore eventStore, TokenViewFreshness tokenViews) {
        return () -> eventStore.registerDispatchInterceptor(tokenViews.eventRecorder());
    }
}
