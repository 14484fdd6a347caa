package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.processor.ProcessorPositions;
import java.util.Collection;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Fills this instance's {@link TokenEligibilityView} at start without replaying the event store: it
 * reads the shared {@value TokenEligibilityProjection#PROCESSING_GROUP} processor's position
 * <em>first</em>, then loads the {@code token_eligibility} collection, which holds at least every event
 * before that position; this instance's own processor then starts from that position
 * ({@link #startToken()}). Events the collection already held are applied again and skipped by version.
 *
 * <p>The position is read from the MongoDB token store's documents directly ({@link ProcessorPositions}): asking
 * the token store would claim the segment away from the instance that processes it.
 */
@Component
public class TokenViewStartup {

    private final TrackingToken startToken;

    public TokenViewStartup(TokenEligibilityView view, TokenEligibilityCollection collection,
                            ProcessorPositions positions) {
        this.startToken = lowerBound(positions.stored(TokenEligibilityProjection.PROCESSING_GROUP).values());
        view.load(collection.findAll());
    }

    /** @return where this instance's processor starts; null (the beginning) when the shared one has not run */
    public TrackingToken startToken() {
        return startToken;
    }

    /** @return the earliest position of the processor's segments, null when any segment has none */
    private static TrackingToken lowerBound(Collection<ProcessorPositions.StoredSegment> segments) {
        TrackingToken lowest = null;
        for (ProcessorPositions.StoredSegment segment : segments) {
            TrackingToken position = WrappedToken.unwrapLowerBound(segment.token());
            if (position == null) {
                return null;
            }
            lowest = lowest == null ? position : lowest.lowerBound(position);
        }
        return lowest;
    }
}
