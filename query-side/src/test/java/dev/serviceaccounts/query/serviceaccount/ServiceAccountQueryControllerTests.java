package dev.serviceaccounts.query.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.query.security.ViewCallerAccounts;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code GET .../service-accounts}: filters, cursor pagination, 400 for bad parameters, active secrets only. */
class ServiceAccountQueryControllerTests {

    private static final String COMPANY = UUID.randomUUID().toString();
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InMemoryMongo mongo;
    private EventFeed feed;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        ServiceAccountViews views = new ServiceAccountViews(mongo.template());
        feed = new EventFeed(new ServiceAccountProjection(views));
        CompanyAccessPolicy authorization = new CompanyAccessPolicy(new ViewCallerAccounts(views),
                new RevokedTokens(mongo.template(), Clock.systemUTC()));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SecretUsages usages = new SecretUsages(mongo.template(), new SimpleMeterRegistry(), clock,
                TestProperties.properties());
        mvc = TestMvc.of(new ServiceAccountQueryController(views, authorization, usages, clock));
        TestMvc.callAs(TestTokens.operator());
    }

    @AfterEach
    void tearDown() {
        TestMvc.clearCaller();
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
