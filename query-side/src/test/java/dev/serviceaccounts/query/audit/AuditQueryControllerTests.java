package dev.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.query.security.ViewCallerAccounts;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestMvc;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.support.TestTokens;
import dev.serviceaccounts.query.token.InstanceTokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET .../audit/events} and {@code .../service-accounts/{id}/history}: each filter, both orders, pages
 * that neither skip nor repeat while events arrive, 400 for bad parameters, 403 and 404, and the NDJSON export.
 */
class AuditQueryControllerTests {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InMemoryMongo mongo;
    private MongoTemplate template;
    private AuditEvents entries;
    private List<AnnotationEventHandlerAdapter> projections;
    private MockMvc mvc;
    private final Map<String, Long> sequences = new HashMap<>();
    private int minutes;
    private final TestServiceAccounts auditor = TestServiceAccounts.custom().named("auditor");
    private final TestServiceAccounts target = TestServiceAccounts.custom().named("target")
            .inCompany(auditor.companyId());
    private final TestServiceAccounts foreign = TestServiceAccounts.custom().named("foreign");

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        template = spy(mongo.template());
        entries = new AuditEvents(template);
        ServiceAccountViews views = new ServiceAccountViews(mongo.template());
        TokenEligibilityView tokenView = new TokenEligibilityView();
        projections = List.of(new AnnotationEventHandlerAdapter(new AuditProjection(entries)),
                new AnnotationEventHandlerAdapter(new ServiceAccountProjection(views)),
                new AnnotationEventHandlerAdapter(new InstanceTokenEligibilityProjection(tokenView)));
        CompanyAccessPolicy access = new CompanyAccessPolicy(new ViewCallerAccounts(tokenView),
                new RevokedTokens(mongo.template(), Clock.systemUTC()));
        mvc = TestMvc.of(new AuditQueryController(entries, access,
                Jackson2ObjectMapperBuilder.json().serializationInclusion(JsonInclude.Include.NON_NULL)
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()));
        publish(auditor, auditor.created(), "operator");
        publish(auditor, auditor.granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY), "operator");
        publish(target, target.created(), auditor.clientId());
        publish(target, target.granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD), "operator");
        publish(target, target.deactivated(), auditor.clientId());
        publish(foreign, foreign.created(), "operator");
        TestMvc.callAs(TestTokens.operator());
    }

    @AfterEach
    void tearDown() {
        TestMvc.clearCaller();
        mongo.close();
    }

    @Test
    void whenNoFilterThenNewestFirstEveryEntryOfTheCompanyOnly() throws Exception {
        events("").andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.items[*].type", contains("ServiceAccountDeactivatedEvent",
                        "CompanyPermissionGrantedEvent", "ServiceAccountCreatedEvent", "CompanyPermissionGrantedEvent",
                        "ServiceAccountCreatedEvent")))
                .andExpect(jsonPath("$.items[0].aggregateType").value("ServiceAccount"))
                .andExpect(jsonPath("$.items[0].aggregateId").value(target.id()))
                .andExpect(jsonPath("$.items[0].actor").value(auditor.clientId()))
                .andExpect(jsonPath("$.items[0].requestId").value("req-5"))
                .andExpect(jsonPath("$.items[0].time").value(T0.plusSeconds(5 * 60).toString()))
                .andExpect(jsonPath("$.items[0].payload.serviceAccountId").value(target.id()))
                .andExpect(jsonPath("$.items[0].eventId").isNotEmpty())
                .andExpect(jsonPath("$.items[0].sortKey").doesNotExist())
                .andExpect(jsonPath("$.items[0].companyIds").doesNotExist())
                .andExpect(jsonPath("$.items[4].payload.secret.hash").value(AuditPayloads.REDACTED))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void whenOrderOldestThenOldestFirst() throws Exception {
        events("?order=oldest").andExpect(jsonPath("$.items[*].type", contains("ServiceAccountCreatedEvent",
                "CompanyPermissionGrantedEvent", "ServiceAccountCreatedEvent", "CompanyPermissionGrantedEvent",
                "ServiceAccountDeactivatedEvent")));
    }

    @Test
    void whenNoAcceptOrAnyThenJson() throws Exception {
        mvc.perform(get(path())).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"));
        mvc.perform(get(path()).header("Accept", "*/*")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"));
    }

    @Test
    void whenFilteredByAggregateThenOnlyItsEntries() throws Exception {
        events("?aggregateId=" + target.id()).andExpect(jsonPath("$.items", hasSize(3)))
                .andExpect(jsonPath("$.items[*].aggregateId", contains(target.id(), target.id(), target.id())));
    }

    @Test
    void whenFilteredByTypesThenEitherType() throws Exception {
        events("?type=ServiceAccountCreatedEvent&type=ServiceAccountDeactivatedEvent&order=oldest")
                .andExpect(jsonPath("$.items[*].type", contains("ServiceAccountCreatedEvent",
                        "ServiceAccountCreatedEvent", "ServiceAccountDeactivatedEvent")));
    }

    @Test
    void whenFilteredByActorThenOnlyWhatItDid() throws Exception {
        events("?actor=" + auditor.clientId() + "&order=oldest")
                .andExpect(jsonPath("$.items[*].type", contains("ServiceAccountCreatedEvent",
                        "ServiceAccountDeactivatedEvent")));
    }

    @Test
    void whenFilteredByTimeThenFromInclusiveToExclusive() throws Exception {
        events("?from=" + T0.plusSeconds(2 * 60) + "&to=" + T0.plusSeconds(4 * 60) + "&order=oldest")
                .andExpect(jsonPath("$.items[*].time", contains(T0.plusSeconds(2 * 60).toString(),
                        T0.plusSeconds(3 * 60).toString())));
    }

    @Test
    void whenHistoryOfAnAccountThenItsEntriesOnly() throws Exception {
        mvc.perform(get("/api/v1/companies/" + auditor.companyId() + "/service-accounts/" + target.id()
                        + "/history?order=oldest"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].type", contains("ServiceAccountCreatedEvent",
                        "CompanyPermissionGrantedEvent", "ServiceAccountDeactivatedEvent")));
    }

    @Test
    void whenHistoryOfAnUnknownOrForeignAccountThen404() throws Exception {
        for (String id : List.of(foreign.id(), UUID.randomUUID().toString(), "not-a-uuid")) {
            mvc.perform(get("/api/v1/companies/" + auditor.companyId() + "/service-accounts/" + id + "/history"))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void whenPagedWhileEventsArriveThenNoEntrySkippedOrRepeatedInEitherOrder() throws Exception {
        for (int i = 0; i < 30; i++) {
            publish(target, target.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), "operator");
        }
        for (String order : List.of("oldest", "newest")) {
            Set<String> before = new LinkedHashSet<>(allIds(order));
            AtomicBoolean paging = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (paging.get()) {
                    publish(target, target.granted(CompanyTool.REPORTS, PermissionLevel.STANDARD), "operator");
                }
            });
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = json(events("?limit=4&order=" + order + (cursor == null ? "" : "&cursor=" + cursor)));
                page.get("items").forEach(item -> paged.add(item.get("eventId").asText()));
                cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            paging.set(false);
            writer.join();

            assertThat(paged).as(order + ": no repeat").doesNotHaveDuplicates();
            assertThat(paged).as(order + ": nothing skipped").containsAll(before);
            List<String> now = allIds(order);
            assertThat(now).as(order + ": in order").containsSubsequence(paged);
            if (order.equals("oldest")) {
                assertThat(paged).as("oldest first: pages run into the new entries").hasSizeGreaterThan(before.size());
                assertThat(paged).isEqualTo(now.subList(0, paged.size()));
            } else {
                assertThat(paged).as("newest first: what existed when the first page was read")
                        .isEqualTo(now.subList(now.size() - paged.size(), now.size()));
            }
        }
    }

    @Test
    void whenBadParametersThen400NamingEach() throws Exception {
        events("?type=NoSuchEvent&from=yesterday&to=2026-13-01T00:00:00Z&order=sideways&cursor=bm9wZQ"
                + "&limit=101&aggregateId=x&actor=")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors.type").exists())
                .andExpect(jsonPath("$.errors.from").exists())
                .andExpect(jsonPath("$.errors.to").exists())
                .andExpect(jsonPath("$.errors.order").exists())
                .andExpect(jsonPath("$.errors.cursor").exists())
                .andExpect(jsonPath("$.errors.limit").exists())
                .andExpect(jsonPath("$.errors.aggregateId").exists())
                .andExpect(jsonPath("$.errors.actor").exists());
        events("?from=" + T0.plusSeconds(60) + "&to=" + T0).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.from").value("must not be after to"));
        events("?limit=0").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.limit").exists());
        mvc.perform(get(path() + ".ndjson?type=Nope")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.type").exists());
    }

    @Test
    void whenAnInstantIsBeyondTheRangeOfAStoredTimeThen400NotA500() throws Exception {
        events("?from=%2B1000000000-01-01T00:00:00Z&to=-1000000000-01-01T00:00:00Z")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors.from").exists())
                .andExpect(jsonPath("$.errors.to").exists());
        mvc.perform(get(path() + ".ndjson?from=%2B1000000000-01-01T00:00:00Z")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.from").exists());
    }

    @Test
    void whenAuditorThenServedAndWithoutAdminReadOnlyThen403() throws Exception {
        TestMvc.callAs(TestTokens.of(auditor));
        events("").andExpect(status().isOk()).andExpect(jsonPath("$.items", hasSize(5)));

        TestMvc.callAs(TestTokens.of(target));
        events("").andExpect(status().isForbidden());
        mvc.perform(get(path() + ".ndjson")).andExpect(status().isForbidden());
    }

    @Test
    void whenAnotherCompanyThen404() throws Exception {
        TestMvc.callAs(TestTokens.of(auditor));

        mvc.perform(get("/api/v1/companies/" + foreign.companyId() + "/audit/events"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/companies/" + foreign.companyId() + "/service-accounts/" + foreign.id() + "/history"))
                .andExpect(status().isNotFound());
    }

    @Test
    void whenExportedThenEveryEntryInOrderStreamedFromACursorWithContentDisposition() throws Exception {
        List<AuditEntry> many = new ArrayList<>();
        for (long key = 1_000; key < 6_000; key++) {
            many.add(new AuditEntry(UUID.randomUUID().toString(), key, List.of(target.companyId()), T0.plusMillis(key),
                    "operator", "req-" + key, "CompanyPermissionGrantedEvent", "ServiceAccount", target.id(),
                    "{\"n\":" + key + "}"));
        }
        mongo.template().insert(many, AuditEvents.COLLECTION);
        clearInvocations(template);

        String body = export(get(path()).header("Accept", "application/x-ndjson")
                .queryParam("type", "CompanyPermissionGrantedEvent").queryParam("actor", "operator")
                .queryParam("order", "oldest").queryParam("limit", "1"), "audit-events-" + auditor.companyId());

        String[] lines = body.split("\n");
        assertThat(lines).hasSize(2 + 5_000);
        for (int i = 2; i < lines.length; i++) {
            assertThat(JSON.readTree(lines[i]).get("payload").get("n").asLong()).isEqualTo(1_000 + i - 2);
        }
        verify(template, times(1)).stream(any(Query.class), eq(AuditEntry.class), anyString());
        verify(template, never()).find(any(Query.class), eq(AuditEntry.class), anyString());
    }

    @Test
    void whenExportedByPathOrHistoryThenNdjson() throws Exception {
        String all = export(get(path() + ".ndjson"), "audit-events-" + auditor.companyId());
        assertThat(all.split("\n")).hasSize(5);
        assertThat(JSON.readTree(all.split("\n")[0]).get("type").asText()).isEqualTo("ServiceAccountDeactivatedEvent");

        String history = export(get("/api/v1/companies/" + auditor.companyId() + "/service-accounts/" + target.id()
                + "/history.ndjson?order=oldest"), "service-account-history-" + target.id());
        assertThat(history.split("\n")).hasSize(3);
        assertThat(history).doesNotContain(auditor.id());
    }

    private String export(MockHttpServletRequestBuilder request,
                          String name) throws Exception {
        MvcResult started = mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
        started.getAsyncResult(Duration.ofMinutes(2).toMillis());
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + name + ".ndjson\""))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<String> allIds(String order) throws Exception {
        List<String> ids = new ArrayList<>();
        json(events("?limit=100&order=" + order)).get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }

    private String path() {
        return "/api/v1/companies/" + auditor.companyId() + "/audit/events";
    }

    private ResultActions events(String query) throws Exception {
        return mvc.perform(get(path() + query));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private synchronized void publish(TestServiceAccounts account, Object event, String actor) {
        long sequence = sequences.merge(account.id(), 1L, Long::sum) - 1;
        minutes++;
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>("ServiceAccount", account.id(),
                sequence, event, Map.of("actor", actor, "requestId", "req-" + minutes), UUID.randomUUID().toString(),
                T0.plusSeconds(minutes * 60L));
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
