package dev.serviceaccounts.query.token;

import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code tokenView}, part of the readiness probe (docs/decisions.md D45): whether this instance's
 * token view ({@value TokenEligibilityProjection#INSTANCE_PROCESSING_GROUP}) has caught up with the event store
 * since the start and its processor is not in error. {@code UP} then; {@code OUT_OF_SERVICE} while it catches up
 * (after {@link TokenViewReadiness} opened the port at its timeout without it); {@code DOWN} while a segment is in
 * error, with the error's type in the details. An instance that is not ready would answer token requests from an
 * older state than the commands answered before (docs/token-freshness.md).
 */
@Component
public class TokenViewHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public TokenViewHealthIndicator(EventProcessingConfiguration processing) {
        super("The token view's state could not be read");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Optional<TrackingEventProcessor> found = processing.eventProcessor(
                TokenEligibilityProjection.INSTANCE_PROCESSING_GROUP, TrackingEventProcessor.class);
        if (found.isEmpty()) {
            builder.down().withDetail("processor", "none");
            return;
        }
        TrackingEventProcessor processor = found.get();
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Optional<Throwable> error = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(EventTrackerStatus::getError).findFirst();
        if (processor.isError() || error.isPresent()) {
            builder.down().withDetail("error", error.map(e -> e.getClass().getName()).orElse("processor paused"));
        } else if (!processor.isRunning() || segments.isEmpty()
                || !segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
            builder.outOfService().withDetail("caughtUp", false);
        } else {
            builder.up().withDetail("caughtUp", true);
        }
    }
}
