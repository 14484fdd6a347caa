package dev.serviceaccounts.query.processor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code processors}: {@code DOWN} while any tracking event processor of this instance is in error
 * (a segment whose handler failed, retried by Axon with back-off), else {@code UP}; the details name each processor
 * with {@code running}, {@code caughtUp} and, in error, the error's type. Part of the overall health, not of the
 * readiness probe: a view's error makes that view stale, not the instance unfit to serve (every instance reads the
 * same events, so one event that fails would take them all out of service); the token view's own state is in
 * readiness ({@code tokenView}). How far each is behind: metric {@value ProcessorMeters#EVENTS_BEHIND} and
 * {@code GET /api/v1/admin/processors} (docs/decisions.md D39, D45). Cheap: it reads Axon's in-memory status only.
 */
@Component
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public ProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("The event processors' state could not be read");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean anyError = false;
        Map<String, Object> details = new TreeMap<>();
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof TrackingEventProcessor processor)) {
                continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", processor.isRunning());
            detail.put("caughtUp", !processor.processingStatus().isEmpty()
                    && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
            String error = processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                    .map(status -> status.getError() == null ? "error" : status.getError().getClass().getName())
                    .findFirst().orElse(processor.isError() ? "processor paused" : null);
            if (error != null) {
                anyError = true;
                detail.put("error", error);
            }
            details.put(entry.getKey(), detail);
        }
        (anyError ? builder.down() : builder.up()).withDetails(details);
    }
}
