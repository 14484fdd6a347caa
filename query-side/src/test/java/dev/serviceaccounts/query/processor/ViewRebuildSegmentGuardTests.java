package dev.serviceaccounts.query.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.serviceaccounts.query.security.ViewCallerAccounts;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestMvc;
import dev.serviceaccounts.query.support.TestTokens;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.query.view.RebuildableView;
import dev.serviceaccounts.query.view.ViewGenerations;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code POST /api/v1/admin/processors/{name}:replay} on an instance that does not process every segment of the
 * processor (several query sides share the stored segments, docs/decisions.md D39) is refused 409 problem+json
 * naming the segments held elsewhere, and nothing is built; on the instance that processes them all it starts.
 */
class ViewRebuildSegmentGuardTests {

    private static final String VIEW = "some-view";

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MongoTemplate axonMongo = DefaultMongoTemplate.builder().mongoDatabase(mongo.template().getDb()).build();
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final MongoTokenStore otherInstance = MongoTokenStore.builder().mongoTemplate(axonMongo)
            .serializer(serializer).nodeId("the-other-instance").build();
    private final TrackingEventProcessor live = mock(TrackingEventProcessor.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private ViewRebuilds rebuilds;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        when(processing.eventProcessor(VIEW, TrackingEventProcessor.class)).thenReturn(Optional.of(live));
        when(processing.eventProcessors()).thenReturn(Map.of(VIEW, live));
        when(live.getName()).thenReturn(VIEW);
        ProcessorPositions positions = new ProcessorPositions(axonMongo, serializer);
        rebuilds = new ViewRebuilds(List.of(RebuildableView.of(VIEW, "some_view", collection -> new Object())),
                processing, EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build(),
                new ViewGenerations(mongo.template(), Clock.systemUTC()), mongo.template(), positions,
                Clock.systemUTC());
        mvc = TestMvc.of(new ProcessorController(
                new ProcessorStatuses(processing, positions, new EventsBehind(axonMongo), rebuilds),
                rebuilds, new CompanyAccessPolicy(new ViewCallerAccounts(new TokenEligibilityView()),
                new RevokedTokens(mongo.template(), Clock.systemUTC()))));
        TestMvc.callAs(TestTokens.operator());
        TrackingToken at = MongoTrackingToken.of(Instant.parse("2026-11-30T10:00:00Z"), "event-1");
        otherInstance.initializeTokenSegments(VIEW, 2, at);
    }

    @AfterEach
    void tearDown() {
        rebuilds.destroy();
        TestMvc.clearCaller();
        mongo.close();
    }

    @Test
    void whenAnotherInstanceProcessesASegmentThenRefusedWithConflictNamingIt() throws Exception {
        otherInstance.fetchToken(VIEW, 1);
        when(live.processingStatus()).thenReturn(Map.of(0, mock(EventTrackerStatus.class)));

        mvc.perform(post("/api/v1/admin/processors/" + VIEW + ":replay"))
                .andExpect(status().isConflict())
                .andExpect(result -> assertThat(result.getResponse().getContentType())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:segments-elsewhere"))
                .andExpect(jsonPath("$.code").value("SEGMENTS_ELSEWHERE"))
                .andExpect(jsonPath("$.segmentsElsewhere.1").value("the-other-instance"))
                .andExpect(jsonPath("$.segmentsElsewhere.0").doesNotExist());
        assertThat(rebuilds.of(VIEW)).isEmpty();
        assertThat(mongo.template().getCollectionNames()).noneMatch(name -> name.startsWith("some_view"));
    }

    @Test
    void whenThisInstanceProcessesNoSegmentYetThenRefused() throws Exception {
        when(live.processingStatus()).thenReturn(Map.of());

        mvc.perform(post("/api/v1/admin/processors/" + VIEW + ":replay"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.segmentsElsewhere.0").value("nobody"))
                .andExpect(jsonPath("$.segmentsElsewhere.1").value("nobody"));
        assertThat(rebuilds.of(VIEW)).isEmpty();
    }

    @Test
    void whenThisInstanceProcessesEverySegmentThenTheRebuildStarts() throws Exception {
        when(live.processingStatus()).thenReturn(Map.of(0, mock(EventTrackerStatus.class),
                1, mock(EventTrackerStatus.class)));

        mvc.perform(post("/api/v1/admin/processors/" + VIEW + ":replay"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.rebuild.from").value("some_view"));
        assertThat(rebuilds.of(VIEW)).hasValueSatisfying(rebuild -> assertThat(rebuild.into()).startsWith("some_view_r"));
    }
}
