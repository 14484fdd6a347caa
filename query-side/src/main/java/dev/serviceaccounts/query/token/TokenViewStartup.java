package dev.serviceaccounts.query.token;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * Fills this instance's {@link TokenEligibilityView} at start without replaying the event store: it
 * reads the shared {@value TokenEligibilityProjection#PROCESSING_GROUP} processor's position
 * <em>first</em>, then loads the {@code token_eligibility} collection, which holds at least every event
 * before that position; this instance's own processor then starts from that position
 * ({@link #startToken()}). Events the collection already held are applied again and skipped by version.
 *
 * <p>The position is read from the MongoDB token store's documents directly: asking the token store
 * would claim the segment away from the instance that processes it.
 */
@Component
public class TokenViewStartup {

    private final TrackingToken startToken;

    public TokenViewStartup(TokenEligibilityView view, TokenEligibilityCollection collection,
                            MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.startToken = lowerBound(axonMongoTemplate, serializer, TokenEligibilityProjection.PROCESSING_GROUP);
        view.load(collection.findAll());
    }

    /** @return where this instance's processor starts; null (the beginning) when the shared one has not run */
    public TrackingToken startToken() {
        return startToken;
    }

    /** @return the earliest position of the processor's segments, null when any segment has none */
    private static TrackingToken lowerBound(MongoTemplate mongo, Serializer serializer, String processorName) {
        List<TrackingToken> positions = new ArrayList<>();
        for (Document entry : mongo.trackingTokensCollection().find(new Document("processorName", processorName))) {
            Binary token = entry.get("token", Binary.class);
            if (token == null) {
                return null;
            }
            TrackingToken position = serializer.deserialize(new SimpleSerializedObject<>(token.getData(), byte[].class,
                    entry.getString("tokenType"), null));
            TrackingToken unwrapped = WrappedToken.unwrapLowerBound(position);
            if (unwrapped == null) {
                return null;
            }
            positions.add(unwrapped);
        }
        return positions.stream().reduce(TrackingToken::lowerBound).orElse(null);
    }
}
