package dev.serviceaccounts.query.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The {@code processors} health component: a processor in error is reported (docs/decisions.md D45). */
class ProcessorsHealthIndicatorTests {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final ProcessorsHealthIndicator indicator = new ProcessorsHealthIndicator(processing);

    @Test
    void whenEveryProcessorRunsWithoutErrorThenUpWithEachNamed() {
        processors(Map.of("audit-events", processor(status(true, null)), "companies-view", processor(status(false, null))));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("audit-events", "companies-view");
        assertThat(health.getDetails().get("audit-events")).isEqualTo(Map.of("running", true, "caughtUp", true));
        assertThat(health.getDetails().get("companies-view")).isEqualTo(Map.of("running", true, "caughtUp", false));
    }

    @Test
    void whenAProcessorIsInErrorThenDownNamingItAndTheErrorsType() {
        processors(Map.of("audit-events", processor(status(true, null)),
                "directory-view", processor(status(true, new IllegalArgumentException("bad event")))));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("directory-view").toString())
                .contains("error=" + IllegalArgumentException.class.getName()).doesNotContain("bad event");
        assertThat(health.getDetails().get("audit-events").toString()).doesNotContain("error");
    }

    private void processors(Map<String, EventProcessor> processors) {
        when(processing.eventProcessors()).thenReturn(processors);
    }

    private static TrackingEventProcessor processor(EventTrackerStatus segment) {
        TrackingEventProcessor processor = mock(TrackingEventProcessor.class);
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(Map.of(0, segment));
        return processor;
    }

    private static EventTrackerStatus status(boolean caughtUp, Throwable error) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isCaughtUp()).thenReturn(caughtUp);
        when(status.isErrorState()).thenReturn(error != null);
        when(status.getError()).thenReturn(error);
        return status;
    }
}
