package dev.serviceaccounts.query.processor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The lag and errors of this instance's tracking event processors as gauges, tagged {@code processor}
 * (docs/decisions.md D45): {@value #EVENTS_BEHIND}, the events stored after the position of the processor's
 * furthest-behind segment ({@link ProcessorStatuses}; bounded by {@link EventsBehind}'s scan, so a value of
 * 10,000 or more means "at least"), read at each scrape; and {@value #IN_ERROR}, 1 while a segment is in error.
 * Registered once the app is ready, when every processor exists (a view's rebuild runs beside and is not one).
 */
@Component
public class ProcessorMeters {

    /** Gauge of the events a processor is behind the event store. */
    public static final String EVENTS_BEHIND = "sa.processor.events_behind";
    /** Gauge: 1 while a processor is in error, else 0. */
    public static final String IN_ERROR = "sa.processor.in_error";

    private final EventProcessingConfiguration processing;
    private final ProcessorStatuses statuses;
    private final MeterRegistry meters;

    public ProcessorMeters(EventProcessingConfiguration processing, ProcessorStatuses statuses, MeterRegistry meters) {
        this.processing = processing;
        this.statuses = statuses;
        this.meters = meters;
    }

    /** Registers the gauges of every tracking processor. */
    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof TrackingEventProcessor tracking) {
                Gauge.builder(EVENTS_BEHIND, () -> eventsBehind(name))
                        .description("Events stored after the position of the processor's furthest-behind segment")
                        .tag("processor", name)
                        .register(meters);
                Gauge.builder(IN_ERROR, () -> inError(tracking) ? 1 : 0)
                        .description("1 while a segment of the processor is in error")
                        .tag("processor", name)
                        .register(meters);
            }
        });
    }

    private double eventsBehind(String name) {
        return statuses.named(name).map(status -> status.segments().stream()
                        .mapToLong(ProcessorStatuses.SegmentStatus::eventsBehind).max().orElse(0))
                .orElse(0L);
    }

    private static boolean inError(TrackingEventProcessor processor) {
        return processor.isError()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }
}
