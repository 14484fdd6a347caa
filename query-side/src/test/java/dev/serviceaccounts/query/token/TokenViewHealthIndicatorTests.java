package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The token view's part of the readiness probe (docs/decisions.md D45). */
class TokenViewHealthIndicatorTests {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final TrackingEventProcessor processor = mock(TrackingEventProcessor.class);
    private final TokenViewHealthIndicator indicator = new TokenViewHealthIndicator(processing);

    @Test
    void whenEverySegmentCaughtUpThenUp() {
        running(segment(true, null), segment(true, null));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void whenASegmentHasNotCaughtUpThenOutOfService() {
        running(segment(true, null), segment(false, null));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("caughtUp", false);
    }

    @Test
    void whenNoSegmentClaimedYetThenOutOfService() {
        running();

        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void whenASegmentIsInErrorThenDownWithTheErrorsType() {
        running(segment(true, null), segment(true, new IllegalStateException("handler failed")));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", IllegalStateException.class.getName());
    }

    @Test
    void whenTheProcessorIsPausedByAnErrorThenDown() {
        running(segment(true, null));
        when(processor.isError()).thenReturn(true);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void whenTheProcessorIsNotRunningThenOutOfService() {
        running(segment(true, null));
        when(processor.isRunning()).thenReturn(false);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    private void running(EventTrackerStatus... segments) {
        Map<Integer, EventTrackerStatus> status = new java.util.HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            status.put(i, segments[i]);
        }
        when(processing.eventProcessor(TokenEligibilityProjection.INSTANCE_PROCESSING_GROUP,
                TrackingEventProcessor.class)).thenReturn(Optional.of(processor));
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(status);
    }

    static EventTrackerStatus segment(boolean caughtUp, Throwable error) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isCaughtUp()).thenReturn(caughtUp);
        when(status.isErrorState()).thenReturn(error != null);
        when(status.getError()).thenReturn(error);
        return status;
    }
}
