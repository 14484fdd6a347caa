package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.serviceaccounts.query.processor.ProcessorPositions;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.time.Instant;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A starting instance reads where the shared processor is (the earliest of its segments, without claiming
 * any), then loads the collection that processor keeps; its own processor starts from that position.
 */
class TokenViewStartupTests {

    private static final String SHARED = TokenEligibilityProjection.PROCESSING_GROUP;

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MongoTemplate axonMongo = DefaultMongoTemplate.builder().mongoDatabase(mongo.template().getDb()).build();
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final MongoTokenStore tokens = MongoTokenStore.builder().mongoTemplate(axonMongo).serializer(serializer)
            .nodeId("the-other-instance").build();
    private final TokenEligibilityCollection collection = new TokenEligibilityCollection(mongo.template());

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenSharedProcessorNeverRanThenStartsFromTheBeginningWithAnEmptyView() {
        TokenEligibilityView view = new TokenEligibilityView();

        assertThat(new TokenViewStartup(view, collection, new ProcessorPositions(axonMongo, serializer)).startToken()).isNull();
        assertThat(view.size()).isZero();
    }

    @Test
    void whenSegmentsAtDifferentPositionsThenStartsFromTheEarliestWithoutClaimingAny() {
        TrackingToken earlier = MongoTrackingToken.of(Instant.parse("2025-01-01T10:00:00Z"), "event-1");
        TrackingToken later = MongoTrackingToken.of(Instant.parse("2025-01-01T10:05:00Z"), "event-9");
        tokens.initializeTokenSegments(SHARED, 2, later);
        tokens.fetchToken(SHARED, 1);
        tokens.storeToken(earlier, SHARED, 1);
        new TokenEligibilityProjection(collection).on(TestServiceAccounts.custom().created(), 0, TestServiceAccounts.CREATED_AT);
        TokenEligibilityView view = new TokenEligibilityView();

        TrackingToken start = new TokenViewStartup(view, collection, new ProcessorPositions(axonMongo, serializer)).startToken();

        assertThat(start).isEqualTo(later.lowerBound(earlier));
        assertThat(view.size()).isEqualTo(1);
        assertThatCode(() -> tokens.storeToken(later, SHARED, 1)).as("segment 1 still claimed by the other instance")
                .doesNotThrowAnyException();
    }
}
