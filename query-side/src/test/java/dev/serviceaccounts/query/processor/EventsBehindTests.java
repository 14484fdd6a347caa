package dev.serviceaccounts.query.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.support.InMemoryMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events behind a position, counted in a real Mongo event store of one document per commit: two commits, the
 * first of two events, the second of one.
 */
class EventsBehindTests {

    private static final Instant FIRST = Instant.parse("2026-01-01T10:00:00.100Z");
    private static final Instant SECOND = Instant.parse("2026-01-01T10:00:00.200Z");
    private static final Instant THIRD = Instant.parse("2026-01-01T10:00:05Z");

    private InMemoryMongo mongo;
    private MongoTemplate axonMongo;

    @BeforeEach
    void storeTwoCommits() {
        mongo = new InMemoryMongo();
        axonMongo = DefaultMongoTemplate.builder().mongoDatabase(mongo.template().getDb()).build();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongo)
                .storageStrategy(new DocumentPerCommitStorageStrategy())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();
        engine.appendEvents(List.of(event("a", 0, FIRST), event("a", 1, SECOND)));
        engine.appendEvents(List.of(event("b", 0, THIRD)));
    }

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void whenNoPositionThenEveryEventIsBehind() {
        assertThat(new EventsBehind(axonMongo).after(null)).isEqualTo(new EventsBehind.Count(3, false));
    }

    @Test
    void whenPositionIsInsideACommitThenOnlyItsLaterEventsAndLaterCommitsCount() {
        assertThat(new EventsBehind(axonMongo).after(FIRST)).isEqualTo(new EventsBehind.Count(2, false));
        assertThat(new EventsBehind(axonMongo).after(SECOND)).isEqualTo(new EventsBehind.Count(1, false));
    }

    @Test
    void whenPositionIsTheNewestEventThenNothingIsBehind() {
        assertThat(new EventsBehind(axonMongo).after(THIRD)).isEqualTo(new EventsBehind.Count(0, false));
    }

    @Test
    void whenMoreCommitsThanTheScanLimitThenTheCountSaysAtLeast() {
        assertThat(new EventsBehind(axonMongo, 1).after(null)).isEqualTo(new EventsBehind.Count(2, true));
        assertThat(new EventsBehind(axonMongo, 1).after(SECOND)).isEqualTo(new EventsBehind.Count(1, false));
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>("Thing", aggregate, sequence, "payload", Map.of(),
                UUID.randomUUID().toString(), timestamp);
    }
}
