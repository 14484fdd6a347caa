package dev.serviceaccounts.query.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.query.security.ViewCallerAccounts;
import dev.serviceaccounts.query.token.InstanceTokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestMvc;
import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.support.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code GET .../service-accounts}: filters, cursor pagination, 400 for bad parameters, active secrets only; and the
 * same at a past instant ({@code asOf}), folded from the events the feed also stores.
 */
class ServiceAccountQueryControllerTests {

    private static final String COMPANY = UUID.randomUUID().toString();
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InMemoryMongo mongo;
    private EventFeed feed;
    private MockMvc mvc;
    private EmbeddedEventStore store;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        ServiceAccountViews views = new ServiceAccountViews(mongo.template());
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
        TokenEligibilityView tokenView = new TokenEligibilityView();
        feed = new EventFeed(new ServiceAccountProjection(views), new InstanceTokenEligibilityProjection(tokenView)).storingIn(engine).as("operator");
        CompanyAccessPolicy authorization = new CompanyAccessPolicy(new ViewCallerAccounts(tokenView),
                new RevokedTokens(mongo.template(), Clock.systemUTC()));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SecretUsages usages = new SecretUsages(mongo.template(), new SimpleMeterRegistry(), clock,
                TestProperties.properties());
        mvc = TestMvc.of(new ServiceAccountQueryController(views, authorization, usages,
                new AccountHistories(store, views), clock));
        TestMvc.callAs(TestTokens.operator());
    }

    @AfterEach
    void tearDown() {
        TestMvc.clearCaller();
        store.shutDown();
        mongo.close();
    }

    @Test
    void whenNoFilterThenEveryAccountOfTheCompanyOldestFirst() throws Exception {
        TestServiceAccounts second = account("second", 2);
        TestServiceAccounts first = account("first", 1);
        TestServiceAccounts elsewhere = TestServiceAccounts.custom().named("elsewhere");
        feed.publish(elsewhere, elsewhere.created());

        list("").andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", contains(first.id(), second.id())))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void whenStatusFilterThenOnlyThatStatus() throws Exception {
        account("active", 1);
        TestServiceAccounts deactivated = account("deactivated", 2);
        feed.publish(deactivated, deactivated.deactivated());

        list("?status=deactivated").andExpect(jsonPath("$.items[*].id", contains(deactivated.id())));
    }

    @Test
    void whenAppTypeFilterThenOnlyThatAppType() throws Exception {
        account("custom", 1);
        TestServiceAccounts marketplace = TestServiceAccounts.marketplace("app-1").named("market").inCompany(COMPANY);
        feed.publish(marketplace, marketplace.created());

        list("?appType=MARKETPLACE").andExpect(jsonPath("$.items[*].id", contains(marketplace.id())));
    }

    @Test
    void whenUsableFilterThenOnlyUsableOrOnlyUnusable() throws Exception {
        TestServiceAccounts usable = account("usable", 1);
        feed.publish(usable, usable.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        TestServiceAccounts unusable = account("unusable", 2);

        list("?usable=true").andExpect(jsonPath("$.items[*].id", contains(usable.id())));
        list("?usable=FALSE").andExpect(jsonPath("$.items[*].id", contains(unusable.id())));
    }

    @Test
    void whenNamePrefixThenCaseInsensitivePrefixMatchWithoutPatterns() throws Exception {
        TestServiceAccounts sync = account("Sync.Nightly", 1);
        account("nightly sync", 2);
        account("SyncXNightly", 3);

        list("?namePrefix=sync.").andExpect(jsonPath("$.items[*].id", contains(sync.id())));
    }

    @Test
    void whenFiltersCombinedThenAllApply() throws Exception {
        TestServiceAccounts match = account("ops reader", 1);
        feed.publish(match, match.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        account("ops idle", 2);

        list("?namePrefix=ops&usable=true&status=ACTIVE&appType=custom")
                .andExpect(jsonPath("$.items[*].id", contains(match.id())));
    }

    @Test
    void whenLimitSmallerThanListThenPagesFollowTheCursorToTheEnd() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(account("a" + i, i).id());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(list("?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            sizes.add(page.get("items").size());
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(sizes).containsExactly(2, 2, 1);
    }

    @Test
    void whenSameCreatedAtThenOrderedByIdAcrossPages() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(account("same time " + i, 1).id());
        }
        ids.sort(null);

        String firstPage = list("?limit=1").andReturn().getResponse().getContentAsString();
        String cursor = JSON.readTree(firstPage).get("nextCursor").asText();

        assertThat(JSON.readTree(firstPage).at("/items/0/id").asText()).isEqualTo(ids.get(0));
        list("?limit=2&cursor=" + cursor).andExpect(jsonPath("$.items[*].id", contains(ids.get(1), ids.get(2))))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void whenExactlyLimitItemsThenNoNextCursor() throws Exception {
        account("one", 1);
        account("two", 2);

        list("?limit=2").andExpect(jsonPath("$.items", hasSize(2))).andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void whenInvalidParametersThen400ProblemListingEachOne() throws Exception {
        list("?status=gone&appType=x&usable=maybe&limit=0&cursor=not-a-cursor")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.status").exists())
                .andExpect(jsonPath("$.errors.appType").exists())
                .andExpect(jsonPath("$.errors.usable").exists())
                .andExpect(jsonPath("$.errors.limit").exists())
                .andExpect(jsonPath("$.errors.cursor").exists());
    }

    @Test
    void whenLimitAboveMaximumThen400() throws Exception {
        list("?limit=201").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.limit").exists());
        list("?limit=200").andExpect(status().isOk());
    }

    @Test
    void whenBlankNamePrefixThen400() throws Exception {
        mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts").param("namePrefix", " "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.namePrefix").exists());
    }

    @Test
    void whenAnotherCompanysCallerThen404EvenWithInvalidParameters() throws Exception {
        TestServiceAccounts outsider = TestServiceAccounts.custom().named("outsider");
        feed.publish(outsider, outsider.created(), outsider.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        TestMvc.callAs(TestTokens.of(outsider));

        list("?limit=0").andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void whenAuditorNotFunctionalThen403() throws Exception {
        TestServiceAccounts auditor = account("auditor", 1);
        feed.publish(auditor, auditor.granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY), auditor.deactivated());
        TestMvc.callAs(TestTokens.of(auditor));

        list("").andExpect(status().isForbidden());
    }

    @Test
    void whenGracePeriodEndedThenOnlyTheNewSecretShown() throws Exception {
        TestServiceAccounts rotated = account("rotated", 1);
        feed.publish(rotated, rotated.rotated(TestServiceAccounts.secret("secret-2", "new", NOW.minusSeconds(7200)),
                rotated.firstSecretId(), NOW.minusSeconds(1)));

        mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts/" + rotated.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.secrets[*].secretId", contains("secret-2")));
    }

    @Test
    void whenAccountOfAnotherCompanyThen404() throws Exception {
        TestServiceAccounts elsewhere = TestServiceAccounts.custom();
        feed.publish(elsewhere, elsewhere.created());

        mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts/" + elsewhere.id()))
                .andExpect(status().isNotFound());
    }

    @Test
    void whenAsOfNowThenTheLiveViewFieldByFieldWithAsOfAndPermissionChanges() throws Exception {
        TestServiceAccounts account = accountNow("payroll");
        feed.publish(account, account.granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY),
                account.projectSet("p-1", Map.of(ProjectTool.DOCUMENTS, PermissionLevel.STANDARD)),
                account.rotated(TestServiceAccounts.secret("secret-2", "new", NOW.minusSeconds(60)),
                        account.firstSecretId(), NOW.plusSeconds(3600)),
                account.emailChanged(account.generatedEmail(), "payroll@acme.example"),
                account.edited("payroll 2", AppType.CUSTOM, null));

        JsonNode live = JSON.readTree(one(account, "").andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        ObjectNode asOf = (ObjectNode) JSON.readTree(one(account, "?asOf=" + NOW).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        assertThat(asOf.remove("asOf").asText()).isEqualTo(NOW.toString());
        assertThat(asOf.remove("permissionChanges").at("/company/ADMIN/changedBy").asText()).isEqualTo("operator");
        assertThat(asOf).isEqualTo(live);
    }

    @Test
    void whenAsOfBetweenEventsThenTheStateThenWithWhoGrantedIt() throws Exception {
        TestServiceAccounts account = accountNow("auditor");
        Instant beforeGrant = feed.lastTimestamp().plusSeconds(30);
        feed.as("client-admin").publish(account, account.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        Instant granted = feed.lastTimestamp();
        feed.as("operator").publish(account, account.deactivated());

        one(account, "?asOf=" + beforeGrant).andExpect(status().isOk())
                .andExpect(jsonPath("$.permissions").isEmpty())
                .andExpect(jsonPath("$.permissionChanges.company").isEmpty())
                .andExpect(jsonPath("$.asOf").value(beforeGrant.toString()));
        one(account, "?asOf=" + granted).andExpect(status().isOk())
                .andExpect(jsonPath("$.permissions.ADMIN").value("ADMIN"))
                .andExpect(jsonPath("$.usable").value(true))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.permissionChanges.company.ADMIN.level").value("ADMIN"))
                .andExpect(jsonPath("$.permissionChanges.company.ADMIN.changedBy").value("client-admin"))
                .andExpect(jsonPath("$.permissionChanges.company.ADMIN.changedAt").value(granted.toString()))
                .andExpect(jsonPath("$.secrets[0].hash").doesNotExist());
        one(account, "").andExpect(jsonPath("$.status").value("DEACTIVATED"));
    }

    @Test
    void whenAsOfBeforeCreationThen404AsAnUnknownId() throws Exception {
        TestServiceAccounts account = accountNow("late");

        one(account, "?asOf=" + feed.lastTimestamp().minusMillis(1)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts/" + UUID.randomUUID() + "?asOf=" + NOW))
                .andExpect(status().isNotFound());
    }

    @Test
    void whenAsOfAnotherCompanysAccountThen404() throws Exception {
        TestServiceAccounts elsewhere = TestServiceAccounts.custom();
        feed.publish(elsewhere, elsewhere.created());

        mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts/" + elsewhere.id() + "?asOf=" + NOW))
                .andExpect(status().isNotFound());
    }

    @Test
    void whenAsOfInTheFutureThen400SayingSo() throws Exception {
        TestServiceAccounts account = accountNow("future");

        one(account, "?asOf=" + NOW.plusMillis(1)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INVALID_FIELD"))
                .andExpect(jsonPath("$.errors.asOf").value(startsWith("is in the future")));
        list("?asOf=" + NOW.plusSeconds(1)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.asOf").value(startsWith("is in the future")));
    }

    @Test
    void whenAsOfMalformedThen400NamingTheParameter() throws Exception {
        TestServiceAccounts account = accountNow("malformed");

        for (String malformed : List.of("yesterday", "2025-01-01", "2025-01-01T10:00:00", "")) {
            one(account, "?asOf=" + malformed).andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:invalid-field"))
                    .andExpect(jsonPath("$.errors.asOf").value(containsString("ISO-8601")));
        }
        one(account, "?asOf=-999999999-01-01T00:00:00Z").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.asOf").value(startsWith("is out of range")));
        list("?asOf=-999999999-01-01T00:00:00Z").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.asOf").value(startsWith("is out of range")));
        list("?asOf=soon&limit=0").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.asOf").exists()).andExpect(jsonPath("$.errors.limit").exists());
    }

    @Test
    void whenAsOfWithAnOffsetThenTheSameInstant() throws Exception {
        TestServiceAccounts account = accountNow("offset");
        String utc = feed.lastTimestamp().toString();
        String paris = feed.lastTimestamp().atOffset(ZoneOffset.ofHours(1)).toString();

        for (String asOf : List.of(paris, paris.replace('+', ' '), utc)) {
            mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts/" + account.id()).param("asOf", asOf))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.asOf").value(utc));
        }
    }

    @Test
    void whenListAsOfThenTheAccountsOfThatInstantFilteredByTheirStateThen() throws Exception {
        TestServiceAccounts admin = accountNow("ops admin");
        feed.publish(admin, admin.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        TestServiceAccounts idle = accountNow("ops idle");
        TestServiceAccounts gone = accountNow("ops gone");
        feed.publish(gone, gone.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        Instant instant = feed.lastTimestamp();
        feed.publish(admin, admin.revoked(CompanyTool.ADMIN), admin.edited("renamed", AppType.CUSTOM, null));
        feed.publish(gone, gone.deleted());
        TestServiceAccounts later = accountNow("ops later");
        feed.publish(later, later.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));

        list("?asOf=" + instant).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", contains(admin.id(), idle.id(), gone.id())))
                .andExpect(jsonPath("$.items[*].asOf", contains(instant.toString(), instant.toString(),
                        instant.toString())))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        list("?asOf=" + instant + "&usable=true&namePrefix=OPS A")
                .andExpect(jsonPath("$.items[*].id", contains(admin.id())))
                .andExpect(jsonPath("$.items[0].permissionChanges.company.ADMIN.changedBy").value("operator"));
        list("?asOf=" + instant + "&status=active&usable=false")
                .andExpect(jsonPath("$.items[*].id", contains(idle.id())));
        list("?asOf=" + instant + "&status=DELETED").andExpect(jsonPath("$.items").isEmpty());
        list("?asOf=" + NOW + "&status=DELETED").andExpect(jsonPath("$.items[*].id", contains(gone.id())));
        list("?asOf=" + NOW + "&usable=true").andExpect(jsonPath("$.items[*].id", contains(later.id())));
    }

    @Test
    void whenListAsOfPagedThenTheCursorFollowsToTheEnd() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(accountNow("a" + i).id());
        }
        accountNow("after the instant");
        Instant instant = TestServiceAccounts.CREATED_AT.plusSeconds(60L * 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(list("?asOf=" + instant + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void whenListAsOfLimitAboveHundredThen400() throws Exception {
        list("?asOf=" + NOW + "&limit=101").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.limit").value("must be an integer from 1 to 100"));
        list("?asOf=" + NOW + "&limit=100").andExpect(status().isOk());
        list("?limit=101").andExpect(status().isOk());
    }

    @Test
    void whenAsOfByAnotherCompanysCallerThen404EvenWithAMalformedAsOf() throws Exception {
        TestServiceAccounts account = accountNow("target");
        TestServiceAccounts outsider = TestServiceAccounts.custom().named("outsider");
        feed.publish(outsider, outsider.created(), outsider.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        TestMvc.callAs(TestTokens.of(outsider));

        one(account, "?asOf=" + NOW).andExpect(status().isNotFound());
        list("?asOf=nonsense").andExpect(status().isNotFound());
    }

    /** Creates an account of {@link #COMPANY} as the next event, stamped (and created) a minute after the last. */
    private TestServiceAccounts accountNow(String name) {
        TestServiceAccounts account = TestServiceAccounts.custom().named(name).inCompany(COMPANY)
                .createdAt(feed.lastTimestamp().plusSeconds(60));
        feed.publish(account, account.created());
        return account;
    }

    private ResultActions one(TestServiceAccounts account, String query) throws Exception {
        return mvc.perform(get(
                "/api/v1/companies/" + COMPANY + "/service-accounts/" + account.id() + query));
    }

    /** Creates an account of {@link #COMPANY}, {@code minutes} after the test epoch. */
    private TestServiceAccounts account(String name, int minutes) {
        TestServiceAccounts account = TestServiceAccounts.custom().named(name).inCompany(COMPANY)
                .createdAt(TestServiceAccounts.CREATED_AT.plusSeconds(60L * minutes));
        feed.publish(account, account.created());
        return account;
    }

    private ResultActions list(String query) throws Exception {
        return mvc.perform(get("/api/v1/companies/" + COMPANY + "/service-accounts" + query));
    }
}
