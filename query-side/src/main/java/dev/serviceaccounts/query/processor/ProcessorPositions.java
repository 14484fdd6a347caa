package dev.serviceaccounts.query.processor;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * The tokens of a processor as stored in Axon's Mongo token store, read without claiming them (the token store's
 * own {@code fetchToken} claims): for the processor status (docs/decisions.md D39) and for where a starting
 * instance's token view begins ({@code query.token.TokenViewStartup}).
 */
@Component
public class ProcessorPositions {

    private final MongoTemplate axonMongo;
    private final Serializer serializer;

    public ProcessorPositions(MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.axonMongo = axonMongoTemplate;
        this.serializer = serializer;
    }

    /** @return each stored segment of processor {@code name}, by id */
    public Map<Integer, StoredSegment> stored(String name) {
        Map<Integer, StoredSegment> segments = new TreeMap<>();
        for (Document stored : axonMongo.trackingTokensCollection().find(Filters.eq("processorName", name))) {
            segments.put(stored.getInteger("segment"), new StoredSegment(stored.getString("owner"), token(stored)));
        }
        return segments;
    }

    /** @return the newest event timestamp any stored segment of {@code name} has passed; null when none */
    public Instant newest(String name) {
        return stored(name).values().stream()
                .map(segment -> ProcessorStatuses.position(segment.token()))
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private TrackingToken token(Document stored) {
        Binary data = stored.get("token", Binary.class);
        String type = stored.getString("tokenType");
        if (data == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, type, null));
    }

    /**
     * @param owner the node that claims the segment (null: nobody)
     * @param token its token (null: it has read nothing yet)
     */
    public record StoredSegment(String owner, TrackingToken token) {
    }
}
