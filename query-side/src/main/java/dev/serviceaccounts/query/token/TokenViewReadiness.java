package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the port closed until this instance's token view has caught up with the event store (bounded by
 * {@code token-view.catch-up-timeout}), so a starting instance never answers a token request from an
 * older state than the commands answered before it registered. Runs after the event processors start
 * and before the web server opens; on shutdown, after the port has closed, it takes this instance out
 * of the registry before the processors stop, so no command waits for an instance that is going away.
 */
@Component
public class TokenViewReadiness implements SmartLifecycle {

    /** After the Axon configuration ({@code Integer.MAX_VALUE - 3072}), before the web server ({@code - 1024}). */
    static final int PHASE = Integer.MAX_VALUE - 2560;
    private static final Logger log = LoggerFactory.getLogger(TokenViewReadiness.class);

    private final EventProcessingConfiguration processing;
    private final QueryInstanceRegistration registration;
    private final Duration timeout;
    private volatile boolean running;

    public TokenViewReadiness(EventProcessingConfiguration processing, QueryInstanceRegistration registration,
                              ServiceAccountsProperties properties) {
        this.processing = processing;
        this.registration = registration;
        this.timeout = properties.tokenView().catchUpTimeout();
    }

    @Override
    public void start() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        if (!caughtUp()) {
            log.warn("The token view has not caught up with the event store within {}; serving anyway", timeout);
        }
        running = true;
    }

    @Override
    public void stop() {
        registration.deregister();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private boolean caughtUp() {
        return processing.eventProcessor(TokenEligibilityProjection.INSTANCE_PROCESSING_GROUP, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus)
                .map(status -> !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp))
                .orElse(true);
    }
}
