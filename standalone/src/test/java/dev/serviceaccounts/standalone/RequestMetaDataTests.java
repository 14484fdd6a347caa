package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.api.EventMetaData;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * Every event written by an HTTP command carries who asked ({@code actor}: {@code "operator"} or the caller's
 * {@code client_id}) and which request asked ({@code requestId}: the caller's {@code X-Request-Id}, else a new
 * one), attached by the command gateway's dispatch interceptor (docs/design.md §4: who did what when).
 */
class RequestMetaDataTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenOperatorCreatesAnAccountWithARequestIdThenEveryEventCarriesOperatorAndThatRequestId() {
        TestCompany company = api.company("Metadata " + UUID.randomUUID());
        String requestId = "req-" + UUID.randomUUID();

        HttpResponse<String> created = api.send(HttpRequest.newBuilder(URI.create(system.commandUrl()
                        + "/api/v1/companies/" + company.id() + "/service-accounts"))
                .header("Authorization", "Bearer " + company.operator())
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(Api.write(Map.of("name", "Payroll", "appType", "CUSTOM")))));

        assertThat(created.statusCode()).isEqualTo(201);
        List<? extends DomainEventMessage<?>> events = eventsOf(Api.json(created).get("id").asText());
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getMetaData().get(EventMetaData.ACTOR)).isEqualTo("operator");
            assertThat(event.getMetaData().get(EventMetaData.REQUEST_ID)).isEqualTo(requestId);
        });
    }

    @Test
    void whenServiceAccountEditsWithoutARequestIdThenTheEventCarriesItsClientIdAndANewRequestId() {
        TestCompany company = api.company("Metadata " + UUID.randomUUID());
        JsonNode admin = company.account("Admin", "ADMIN", "ADMIN");
        JsonNode target = company.account("Target");

        HttpResponse<String> edited = api.command("PATCH", company.path(target), company.token(admin),
                Map.of("name", "Renamed"));

        assertThat(edited.statusCode()).isEqualTo(200);
        List<? extends DomainEventMessage<?>> events = eventsOf(target.get("id").asText());
        DomainEventMessage<?> edit = events.get(events.size() - 1);
        assertThat(edit.getMetaData().get(EventMetaData.ACTOR)).isEqualTo(admin.get("clientId").asText());
        assertThat(edit.getMetaData().get(EventMetaData.REQUEST_ID)).asString().isNotBlank()
                .isNotEqualTo(events.get(0).getMetaData().get(EventMetaData.REQUEST_ID));
    }

    private List<? extends DomainEventMessage<?>> eventsOf(String aggregateId) {
        return system.apps().commandSide().getBean(EventStore.class).readEvents(aggregateId).asStream().toList();
    }
}
