package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * Concurrent edits of one account never lose an update (issue 3): many parallel GrantPermission and
 * rename requests; each is either applied or answered 409, and the final view equals the result of
 * applying the stored events in the event store's order.
 */
class ConcurrentCommandsTests {

    private static final int REQUESTS = 60;

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void parallelGrantsAndRenamesWhenSentThenViewEqualsEventsInStoreOrder() throws Exception {
        TestCompany company = api.company("Concurrent Co " + UUID.randomUUID());
        JsonNode account = company.account("contended");
        String id = account.get("id").asText();
        CompanyTool[] tools = CompanyTool.values();
        PermissionLevel[] levels = PermissionLevel.values();

        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                responses.add(pool.submit(() -> n % 3 == 0
                        ? company.accountCommand(account, "PATCH", "", Map.of("name", "name-" + n))
                        : api.grant(company.operator(), company.id(), id, tools[n % tools.length].name(),
                                levels[n % levels.length].name())));
            }
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isIn(200, 409);
            }
        } finally {
            pool.shutdown();
        }

        Map<CompanyTool, PermissionLevel> permissions = new EnumMap<>(CompanyTool.class);
        String name = null;
        long lastSequence = -1;
        var events = system.apps().commandSide().getBean(EventStore.class).readEvents(id);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            assertThat(event.getSequenceNumber()).isEqualTo(lastSequence + 1);
            lastSequence = event.getSequenceNumber();
            Object payload = event.getPayload();
            if (payload instanceof ServiceAccountCreatedEvent created) {
                name = created.name();
            } else if (payload instanceof ServiceAccountEditedEvent edited) {
                name = edited.name();
            } else if (payload instanceof CompanyPermissionGrantedEvent granted) {
                permissions.put(granted.tool(), granted.level());
            } else if (payload instanceof CompanyPermissionRevokedEvent revoked) {
                permissions.remove(revoked.tool());
            }
        }
        assertThat(lastSequence).as("some commands changed the account").isPositive();

        long expectedVersion = lastSequence;
        JsonNode view = api.awaitQuery(company.operator(), "/api/v1" + company.path(account),
                v -> v.get("version").asLong() == expectedVersion, Duration.ofSeconds(10));
        assertThat(view.get("name").asText()).isEqualTo(name);
        Map<String, String> expected = new java.util.TreeMap<>();
        permissions.forEach((tool, level) -> expected.put(tool.name(), level.name()));
        Map<String, String> actual = new java.util.TreeMap<>();
        view.get("permissions").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
        assertThat(actual).isEqualTo(expected);
    }

}
