package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The auditors' history over HTTP on the whole system (docs/design.md §5, docs/decisions.md D32): what each command
 * wrote, by whom and in which request, with no secret or hash; the filters; pages that neither skip nor repeat
 * while commands arrive; the NDJSON export; who may read it.
 */
class AuditHistoryApiTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenCommandsThenTheAccountsHistoryShowsEachWithActorRequestIdAndNoSecret() {
        TestCompany company = api.company("Audit " + UUID.randomUUID());
        JsonNode admin = company.account("Admin", "ADMIN", "ADMIN");
        String adminToken = company.token(admin);
        JsonNode target = api.createCustomAccount(adminToken, company.id(), "Target");
        assertThat(api.command("PATCH", company.path(target), adminToken, Map.of("name", "Renamed")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> reset = api.command("POST", company.path(target) + "/secret:reset", adminToken, null);
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

        JsonNode history = api.awaitQuery(company.operator(),
                "/api/v1" + company.path(target) + "/history?order=oldest",
                page -> page.get("items").size() >= 3, WAIT);

        List<String> types = new ArrayList<>();
        history.get("items").forEach(item -> types.add(item.get("type").asText()));
        assertThat(types).startsWith("ServiceAccountCreatedEvent", "ServiceAccountEditedEvent");
        JsonNode created = history.get("items").get(0);
        assertThat(created.get("actor").asText()).isEqualTo(admin.get("clientId").asText());
        assertThat(created.get("requestId").asText()).isNotBlank();
        assertThat(created.get("aggregateType").asText()).isEqualTo("ServiceAccount");
        assertThat(created.get("aggregateId").asText()).isEqualTo(target.get("id").asText());
        assertThat(Instant.parse(created.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.get("payload").get("secret").get("hash").asText()).isEqualTo("[redacted]");
        String body = history.toString();
        assertThat(body).doesNotContain("sha256").doesNotContain(target.get("clientSecret").asText());
        assertThat(types).contains("ClientSecretResetEvent");
        assertThat(body).doesNotContain(Api.json(reset).get("clientSecret").asText());
    }

    @Test
    void whenFilteredThenOnlyMatchingEntriesOfTheCompany() {
        TestCompany company = api.company("Audit filters " + UUID.randomUUID());
        TestCompany other = api.company("Audit other " + UUID.randomUUID());
        JsonNode admin = company.account("Admin", "ADMIN", "ADMIN");
        JsonNode byAdmin = api.createCustomAccount(company.token(admin), company.id(), "By admin");
        other.account("Elsewhere");
        String events = "/api/v1/companies/" + company.id() + "/audit/events";

        JsonNode mine = api.awaitQuery(company.operator(), events + "?actor=" + admin.get("clientId").asText(),
                page -> page.get("items").size() >= 1, WAIT);
        assertThat(mine.get("items")).allSatisfy(item -> assertThat(item.get("actor").asText())
                .isEqualTo(admin.get("clientId").asText()));
        assertThat(mine.get("items").get(0).get("aggregateId").asText()).isEqualTo(byAdmin.get("id").asText());

        JsonNode created = Api.json(api.query(company.operator(), events + "?type=ServiceAccountCreatedEvent"
                + "&type=CompanyCreatedEvent&order=oldest"));
        List<String> types = new ArrayList<>();
        created.get("items").forEach(item -> types.add(item.get("type").asText()));
        assertThat(types).containsExactly("CompanyCreatedEvent", "ServiceAccountCreatedEvent",
                "ServiceAccountCreatedEvent");

        JsonNode ofAdmin = Api.json(api.query(company.operator(), events + "?aggregateId=" + admin.get("id").asText()));
        assertThat(ofAdmin.get("items")).allSatisfy(item -> assertThat(item.get("aggregateId").asText())
                .isEqualTo(admin.get("id").asText()));
        assertThat(Api.json(api.query(company.operator(), events + "?from=" + Instant.now().plusSeconds(3600)))
                .get("items")).isEmpty();
        assertThat(Api.json(api.query(company.operator(), events + "?to=" + Instant.now().minusSeconds(3600)))
                .get("items")).isEmpty();
    }

    @Test
    void whenPagedWhileCommandsArriveThenNoEntrySkippedOrRepeated() {
        TestCompany company = api.company("Audit pages " + UUID.randomUUID());
        JsonNode account = company.account("Busy");
        for (int i = 0; i < 6; i++) {
            company.grant(account, "REPORTS", i % 2 == 0 ? "READ_ONLY" : "STANDARD");
        }
        String events = "/api/v1/companies/" + company.id() + "/audit/events";
        JsonNode before = api.awaitQuery(company.operator(), events + "?order=oldest&limit=100",
                page -> page.get("items").size() >= 8, WAIT);
        Set<String> existing = new LinkedHashSet<>();
        before.get("items").forEach(item -> existing.add(item.get("eventId").asText()));

        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int commands = 0;
            while (paging.get() && commands < 40) {
                company.grant(account, "SCHEDULE", commands % 2 == 0 ? "READ_ONLY" : "STANDARD");
                commands++;
            }
            return commands;
        });
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = Api.json(api.query(company.operator(), events + "?order=oldest&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(item -> paged.add(item.get("eventId").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        paging.set(false);
        int commands = writer.join();

        assertThat(paged).doesNotHaveDuplicates().containsAll(existing);
        JsonNode after = api.awaitQuery(company.operator(), events + "?order=oldest&limit=100",
                page -> page.get("items").size() >= existing.size() + commands, WAIT);
        List<String> all = new ArrayList<>();
        after.get("items").forEach(item -> all.add(item.get("eventId").asText()));
        assertThat(paged).isEqualTo(all.subList(0, paged.size()));
    }

    @Test
    void whenExportedThenNdjsonOfEveryMatchWithContentDisposition() {
        TestCompany company = api.company("Audit export " + UUID.randomUUID());
        JsonNode account = company.account("Exported", "DOCUMENTS", "READ_ONLY");
        String events = system.queryUrl() + "/api/v1/companies/" + company.id() + "/audit/events";
        api.awaitQuery(company.operator(), "/api/v1/companies/" + company.id() + "/audit/events",
                page -> page.get("items").size() >= 3, WAIT);

        for (HttpResponse<String> export : List.of(
                api.get(events + "?order=oldest", company.operator(), "Accept", "application/x-ndjson"),
                api.get(events + ".ndjson?order=oldest", company.operator()))) {
            assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/x-ndjson");
            assertThat(export.headers().firstValue("Content-Disposition")).contains(
                    "attachment; filename=\"audit-events-" + company.id() + ".ndjson\"");
            List<JsonNode> lines = export.body().lines().map(AuditHistoryApiTests::json).toList();
            assertThat(lines).extracting(line -> line.get("type").asText()).containsExactly("CompanyCreatedEvent",
                    "ServiceAccountCreatedEvent", "CompanyPermissionGrantedEvent");
            assertThat(lines.get(2).get("aggregateId").asText()).isEqualTo(account.get("id").asText());
        }
    }

    @Test
    void whenNotAnAuditorThen403AnotherCompany404BadParameters400() {
        TestCompany company = api.company("Audit access " + UUID.randomUUID());
        TestCompany other = api.company("Audit access other " + UUID.randomUUID());
        String auditor = company.tokenWith("ADMIN", "READ_ONLY");
        String documents = company.tokenWith("DOCUMENTS", "ADMIN");
        String events = "/api/v1/companies/" + company.id() + "/audit/events";

        assertThat(api.query(auditor, events).statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = api.query(documents, events);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(api.get(system.queryUrl() + events + ".ndjson", documents).statusCode()).isEqualTo(403);
        assertThat(api.query(auditor, "/api/v1/companies/" + other.id() + "/audit/events").statusCode())
                .isEqualTo(404);
        assertThat(api.query(auditor, "/api/v1/companies/" + UUID.randomUUID() + "/audit/events").statusCode())
                .isEqualTo(404);
        assertThat(api.get(system.queryUrl() + events, null).statusCode()).isEqualTo(401);

        HttpResponse<String> bad = api.query(auditor, events + "?type=Nope&from=last-week&cursor=zz&limit=500");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode errors = Api.json(bad).get("errors");
        assertThat(errors.has("type")).isTrue();
        assertThat(errors.has("from")).isTrue();
        assertThat(errors.has("cursor")).isTrue();
        assertThat(errors.has("limit")).isTrue();
        HttpResponse<String> badExport = api.get(system.queryUrl() + events + "?type=Nope", auditor,
                "Accept", "application/x-ndjson");
        assertThat(badExport.statusCode()).isEqualTo(400);
        assertThat(badExport.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(Api.json(badExport).get("errors").has("type")).isTrue();
        HttpResponse<String> reversed = api.query(auditor,
                events + "?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(Api.json(reversed).get("errors").get("from").asText()).isEqualTo("must not be after to");
    }

    @Test
    void whenAnExportOutlastsTomcatsAsyncTimeoutThenNothingCutsIt() {
        // an export streams on an async request; Tomcat ends one after 30 s unless told otherwise, and Spring then
        // finished the committed 200 as if it were whole (an export of 1,000,000 entries came back with 22,000)
        RequestMappingHandlerAdapter adapter = system.apps().querySide().getBean(RequestMappingHandlerAdapter.class);

        Object timeout = ReflectionTestUtils.getField(adapter, "asyncRequestTimeout");

        assertThat(timeout).as("the async timeout every export's AsyncContext is given (none: not positive)")
                .isInstanceOf(Long.class);
        assertThat((Long) timeout).isNotPositive();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
