package dev.serviceaccounts.query.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.support.axon.SettledLookBackStorageStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.StorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.CommitEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracking read of docs/decisions.md D50 on a real Mongo event store of one document per commit: far from the
 * head its token holds only the ids of its own timestamp and every commit is read once; near the head it is the
 * extension's read (D37), late commits included; tokens of either strategy are read by the other without a loss.
 */
class SettledLookBackStorageStrategyTests {

    private static final Duration LOOK_BACK = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SettledLookBackStorageStrategy settled = new SettledLookBackStorageStrategy(LOOK_BACK, clock);
    private final DocumentPerCommitStorageStrategy extension = new DocumentPerCommitStorageStrategy(
            EventEntryConfiguration.getDefault(), CommitEntryConfiguration.getDefault(), LOOK_BACK);

    private InMemoryMongo mongo;
    private MongoEventStorageEngine engine;
    private MongoCollection<Document> events;

    @BeforeEach
    void store() {
        mongo = new InMemoryMongo();
        DefaultMongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(mongo.template().getDb()).build();
        engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(settled)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();
        events = template.eventCollection();
    }

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void whenEventsAreOlderThanTwiceTheLookBackThenEachIsReadOnceAndTheTokenHoldsOnlyItsOwnTimestampsIds() {
        // 400 events a day ago, two in each commit, pairs of commits sharing a timestamp, 10 ms apart
        List<String> written = commits(NOW.minus(Duration.ofDays(1)), 200, 2, 10, 2);

        List<TrackedEventData<?>> read = readAll(settled, null, 7);

        assertThat(ids(read)).containsExactlyElementsOf(written);
        assertThat(read).allSatisfy(event -> assertThat(((MongoTrackingToken) event.trackingToken())
                .getTrackedEvents()).hasSizeLessThanOrEqualTo(5));
        MongoTrackingToken last = (MongoTrackingToken) read.get(read.size() - 1).trackingToken();
        assertThat(last.getKnownEventIds()).contains(written.get(written.size() - 1));
        assertThat(settled.findTrackedEvents(events, last, 100)).isEmpty();
    }

    @Test
    void whenReadingNearTheHeadThenTheTokensAreTheExtensions() {
        commits(NOW.minusSeconds(20), 100, 1, 150, 1);

        List<TrackedEventData<?>> ours = readAll(settled, null, 15);
        List<TrackedEventData<?>> theirs = readAll(extension, null, 15);

        assertThat(ids(ours)).containsExactlyElementsOf(ids(theirs));
        for (int i = 0; i < ours.size(); i++) {
            MongoTrackingToken mine = (MongoTrackingToken) ours.get(i).trackingToken();
            MongoTrackingToken axon = (MongoTrackingToken) theirs.get(i).trackingToken();
            assertThat(mine.getTimestamp()).isEqualTo(axon.getTimestamp());
            assertThat(mine.getTrackedEvents()).isEqualTo(axon.getTrackedEvents());
        }
    }

    @Test
    void whenACommitLandsLateNearTheHeadThenItIsDelivered() {
        commits(NOW.minusSeconds(10), 50, 1, 100, 1);
        TrackingToken position = last(readAll(settled, null, 20));

        String late = commit(NOW.minusSeconds(8).plusMillis(5), 1).get(0);

        assertThat(ids(readAll(settled, position, 20))).containsExactly(late);
    }

    @Test
    void whenTheReaderResumesLongAfterReadingNearTheHeadThenACommitThatLandedLateInItsWindowIsDelivered() {
        commits(NOW.minusSeconds(10), 50, 1, 100, 1);
        TrackingToken position = last(readAll(settled, null, 20));
        String late = commit(NOW.minusSeconds(8).plusMillis(5), 1).get(0);

        now.set(NOW.plus(Duration.ofHours(1)));

        assertThat(ids(readAll(settled, position, 20))).containsExactly(late);
    }

    @Test
    void whenTheReaderCatchesUpFromOldEventsToTheHeadThenEveryEventIsDeliveredOnceAndLateCommitsAfterwards() {
        List<String> written = new ArrayList<>(commits(NOW.minus(Duration.ofMinutes(3)), 60, 1, 2_000, 1));
        written.addAll(commits(NOW.minusSeconds(30), 100, 1, 280, 1));

        List<TrackedEventData<?>> read = readAll(settled, null, 13);
        String late = commit(NOW.minusSeconds(5), 1).get(0);

        assertThat(ids(read)).containsExactlyElementsOf(written);
        assertThat(ids(readAll(settled, last(read), 13))).containsExactly(late);
    }

    @Test
    void whenTheOtherStrategyReadsAPositionThenNoEventIsLost() {
        List<String> written = commits(NOW.minus(Duration.ofDays(1)), 40, 1, 10, 1);
        String head = commit(NOW.minusSeconds(1), 1).get(0);
        List<TrackedEventData<?>> firstHalf = readAll(settled, null, 5).subList(0, 20);
        List<TrackedEventData<?>> extensionsHalf = readAll(extension, null, 5).subList(0, 20);

        assertThat(ids(readAll(extension, last(firstHalf), 5))).as("the extension reading our token")
                .containsAll(written.subList(20, 40)).contains(head);
        assertThat(ids(readAll(settled, last(extensionsHalf), 5))).as("ours reading the extension's token")
                .containsExactlyElementsOf(concat(written.subList(20, 40), head));
    }

    private List<TrackedEventData<?>> readAll(StorageStrategy strategy, TrackingToken from, int batchSize) {
        List<TrackedEventData<?>> read = new ArrayList<>();
        TrackingToken position = from;
        while (true) {
            List<? extends TrackedEventData<?>> batch = strategy.findTrackedEvents(events, position, batchSize);
            if (batch.isEmpty()) {
                return read;
            }
            read.addAll(batch);
            position = last(batch);
        }
    }

    private static TrackingToken last(List<? extends TrackedEventData<?>> read) {
        return read.get(read.size() - 1).trackingToken();
    }

    private static List<String> ids(List<? extends TrackedEventData<?>> read) {
        return read.stream().map(TrackedEventData::getEventIdentifier).toList();
    }

    private static List<String> concat(List<String> first, String then) {
        List<String> all = new ArrayList<>(first);
        all.add(then);
        return all;
    }

    /**
     * @return the ids of {@code count} commits of {@code perCommit} events each, in store order: every
     *         {@code sharing} commits one timestamp, the next {@code spacingMillis} later
     */
    private List<String> commits(Instant first, int count, int perCommit, long spacingMillis, int sharing) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.addAll(commit(first.plusMillis(spacingMillis * (i / sharing)), perCommit));
        }
        return ids;
    }

    private List<String> commit(Instant stamped, int events) {
        String aggregate = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            commit.add(new GenericDomainEventMessage<>("Thing", aggregate, i, "payload", Map.of(),
                    UUID.randomUUID().toString(), stamped));
        }
        engine.appendEvents(commit);
        return commit.stream().map(DomainEventMessage::getIdentifier).toList();
    }
}
