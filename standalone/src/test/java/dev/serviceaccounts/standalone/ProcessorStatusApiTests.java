package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.query.TrackingProcessorsConfiguration;
import dev.serviceaccounts.query.processor.ProcessorPositions;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/admin/processors} over HTTP (docs/decisions.md D39): the operator sees every tracking
 * processor of the query side with its segments, their positions and the events behind them; anyone else is
 * refused.
 */
class ProcessorStatusApiTests {

    static final String PROCESSORS = "/api/v1/admin/processors";

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();

    @Test
    void whenOperatorListsThenEveryTrackingProcessorWithItsSegmentsAndPositions() {
        String operator = api.operatorToken();
        api.company(operator, "Processors listed " + UUID.randomUUID());

        JsonNode listed = Api.json(api.query(operator, PROCESSORS));

        List<String> names = new ArrayList<>();
        listed.path("processors").forEach(processor -> names.add(processor.path("name").asText()));
        assertThat(names).isSorted().contains("audit-events", "companies-view", "directory-view",
                "service-accounts-view", "token-eligibility-state", "token-eligibility-instance");
        for (JsonNode processor : listed.path("processors")) {
            assertThat(processor.path("running").asBoolean()).as(processor.toString()).isTrue();
            assertThat(processor.path("replaying").asBoolean()).as(processor.toString()).isFalse();
            assertThat(processor.path("segments").size()).as(processor.toString()).isPositive();
            assertThat(segments(processor)).as(processor.toString())
                    .anySatisfy(segment -> assertThat(segment.path("claimedHere").asBoolean()).isTrue())
                    .allSatisfy(segment -> {
                        assertThat(segment.path("eventsBehind").asLong()).isNotNegative();
                        assertThat(segment.path("eventsBehindAtLeast").asBoolean()).isFalse();
                    });
        }
    }

    @Test
    void whenAProcessorHasHandledTheNewestEventThenItsPositionIsThatEventsTimeAndNothingIsBehind() {
        String operator = api.operatorToken();
        Instant before = Instant.now().minusSeconds(1);
        TestCompany company = api.company(operator, "Caught up " + UUID.randomUUID());

        JsonNode caughtUp = api.awaitQuery(operator, PROCESSORS + "/companies-view",
                processor -> segments(processor).stream().allMatch(segment -> segment.path("caughtUp").asBoolean()
                        && segment.path("eventsBehind").asLong() == 0), Duration.ofSeconds(10));

        assertThat(caughtUp.path("name").asText()).isEqualTo("companies-view");
        assertThat(segments(caughtUp)).as("the newest position is at or after the company's event of %s", company.id())
                .anySatisfy(segment -> assertThat(Instant.parse(segment.path("position").asText())).isAfter(before));
    }

    @Test
    void whenTheStoredProcessorsHaveHandledEventsThenTheirTokensArePlainMongoTokens() throws InterruptedException {
        String operator = api.operatorToken();
        api.company(operator, "Plain tokens " + UUID.randomUUID());
        ProcessorPositions positions = system.apps().querySide().getBean(ProcessorPositions.class);

        // a processor that starts without a token starts from the first event with a plain token, not a replay
        // token wrapping the head, which gathers the id of every event passed (docs/decisions.md D50)
        for (String name : TrackingProcessorsConfiguration.STORED) {
            Instant deadline = Instant.now().plusSeconds(10);
            Map<Integer, ProcessorPositions.StoredSegment> stored = positions.stored(name);
            while ((stored.isEmpty() || stored.values().stream().anyMatch(segment -> segment.token() == null))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                stored = positions.stored(name);
            }
            assertThat(stored.values()).as(name)
                    .allSatisfy(segment -> assertThat(segment.token()).isInstanceOf(MongoTrackingToken.class));
        }
    }

    @Test
    void whenNotOperatorThenRefused() {
        TestCompany company = api.company("Not the operator's processors " + UUID.randomUUID());
        String admin = company.tokenWith("ADMIN", "ADMIN");

        assertProblem(api.query(admin, PROCESSORS), 403, "FORBIDDEN");
        assertProblem(api.query(admin, PROCESSORS + "/companies-view"), 403, "FORBIDDEN");
        assertProblem(api.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + PROCESSORS)).GET()),
                401, "UNAUTHORIZED");
    }

    @Test
    void whenUnknownProcessorThenNotFound() {
        assertProblem(api.query(api.operatorToken(), PROCESSORS + "/no-such-view"), 404, "NOT_FOUND");
    }

    private static List<JsonNode> segments(JsonNode processor) {
        return StreamSupport.stream(processor.path("segments").spliterator(), false).toList();
    }
}
