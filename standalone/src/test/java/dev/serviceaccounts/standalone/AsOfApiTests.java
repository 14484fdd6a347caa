package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code GET .../service-accounts/{id}?asOf=} and {@code GET .../service-accounts?asOf=} over HTTP, after real
 * commands (docs/design.md §5, docs/decisions.md D33): the state just before and just after each kind of change,
 * who last changed each permission, the list at an instant with its filters, the errors, and the same access as the
 * live reads. Instants between commands are taken a few milliseconds away from either command, as the fold reads
 * times to the millisecond.
 */
class AsOfApiTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenEachKindOfChangeThenAsOfJustBeforeAndJustAfterShowsItAndAsOfNowIsTheLiveView() {
        TestCompany company = api.company("As of " + UUID.randomUUID());
        TestCompany other = api.company("Other " + UUID.randomUUID());
        JsonNode directoryAdmin = company.account("Directory admin", "DIRECTORY", "ADMIN");
        String adminToken = company.token(directoryAdmin);
        String adminClientId = directoryAdmin.get("clientId").asText();
        List<Step> steps = new ArrayList<>();

        Instant beforeCreation = mark();
        JsonNode account = company.account("Payroll");
        String contact = TestCompany.contactId(account);
        String generated = account.at("/contact/email").asText();
        steps.add(step("created", view -> {
            assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(view.get("reasons").toString()).isEqualTo("[\"NO_PERMISSIONS\"]");
            assertThat(view.get("secrets").size()).isEqualTo(1);
            assertThat(view.at("/secrets/0/secretId").asText()).isEqualTo(account.get("secretId").asText());
        }));
        ok(api.grant(adminToken, company.id(), account.get("id").asText(), "ADMIN", "READ_ONLY"));
        steps.add(step("granted by the directory admin", view -> {
            assertThat(view.at("/permissions/ADMIN").asText()).isEqualTo("READ_ONLY");
            assertThat(view.get("usable").asBoolean()).isTrue();
            assertThat(view.at("/permissionChanges/company/ADMIN/level").asText()).isEqualTo("READ_ONLY");
            assertThat(view.at("/permissionChanges/company/ADMIN/changedBy").asText()).isEqualTo(adminClientId);
        }));
        ok(company.accountCommand(account, "PUT", "/projects/p-1", Map.of("permissions", Map.of("DOCUMENTS", "STANDARD"))));
        steps.add(step("project set", view -> {
            assertThat(view.at("/projects/p-1/DOCUMENTS").asText()).isEqualTo("STANDARD");
            assertThat(view.at("/permissionChanges/projects/p-1/DOCUMENTS/changedBy").asText()).isEqualTo("operator");
        }));
        ok(company.accountCommand(account, "PUT", "/permissions/company/ADMIN", Map.of("level", "NONE")));
        steps.add(step("revoked", view -> {
            assertThat(view.at("/permissions/ADMIN").isMissingNode()).isTrue();
            assertThat(view.at("/permissionChanges/company/ADMIN/level").asText()).isEqualTo("NONE");
            assertThat(view.at("/permissionChanges/company/ADMIN/changedBy").asText()).isEqualTo("operator");
        }));
        ok(company.accountCommand(account, "POST", "/secret:rotate", Map.of("graceSeconds", 3600)));
        steps.add(step("rotated", view -> {
            assertThat(view.get("secrets").size()).isEqualTo(2);
            assertThat(view.at("/secrets/0/expiresAt").isTextual()).isTrue();
        }));
        ok(company.changeEmailAcknowledged(contact, "payroll@acme.example"));
        steps.add(step("email changed", view -> {
            assertThat(view.get("functional").asBoolean()).isFalse();
            assertThat(view.get("reasons").toString()).isEqualTo("[\"EMAIL_CHANGED\"]");
        }));
        ok(company.changeEmail(contact, generated));
        steps.add(step("email back", view -> assertThat(view.get("functional").asBoolean()).isTrue()));
        ok(other.addContactAcknowledged(contact));
        steps.add(step("in a foreign directory", view -> {
            assertThat(view.get("functional").asBoolean()).isFalse();
            assertThat(view.get("reasons").toString()).contains("IN_FOREIGN_DIRECTORY");
        }));
        ok(other.removeContact(contact));
        steps.add(step("home only again", view -> assertThat(view.get("usable").asBoolean()).isTrue()));
        ok(company.accountCommand(account, "POST", ":deactivate", null));
        steps.add(step("deactivated", view -> {
            assertThat(view.get("status").asText()).isEqualTo("DEACTIVATED");
            assertThat(view.get("tokensValidAfter").isTextual()).isTrue();
        }));
        ok(company.accountCommand(account, "POST", ":reactivate", null));
        steps.add(step("reactivated", view -> assertThat(view.get("usable").asBoolean()).isTrue()));
        ok(company.accountCommand(account, "DELETE", "/projects/p-1", null));
        steps.add(step("project removed", view -> {
            assertThat(view.get("projects").isEmpty()).isTrue();
            assertThat(view.at("/permissionChanges/projects/p-1/DOCUMENTS/level").asText()).isEqualTo("NONE");
        }));
        ok(company.accountCommand(account, "PUT", "/permissions/company/REPORTS", Map.of("level", "STANDARD")));
        ok(company.accountCommand(account, "POST", "/secret:reset", null));
        steps.add(step("reset", view -> {
            assertThat(view.get("permissions").isEmpty()).isTrue();
            assertThat(view.get("secrets").size()).isEqualTo(1);
            assertThat(view.at("/permissionChanges/company/REPORTS/level").asText()).isEqualTo("NONE");
        }));
        ok(company.accountCommand(account, "DELETE", "", null));
        steps.add(step("deleted", view -> {
            assertThat(view.get("status").asText()).isEqualTo("DELETED");
            assertThat(view.get("reasons").toString()).contains("DELETED");
        }));

        assertProblem(asOf(company, account, beforeCreation), 404, "NOT_FOUND");
        JsonNode previous = null;
        for (Step step : steps) {
            JsonNode view = json200(asOf(company, account, step.after()));
            assertThat(view.get("asOf").asText()).isEqualTo(step.after().toString());
            step.check().accept(view);
            if (previous != null) {
                assertThat(view.get("version").asLong()).as(step.name()).isGreaterThan(previous.get("version").asLong());
            }
            previous = view;
        }
        JsonNode live = company.awaitView(account, view -> view.get("status").asText().equals("DELETED"));
        ObjectNode now = (ObjectNode) json200(asOf(company, account, Instant.now()));
        now.remove("asOf");
        now.remove("permissionChanges");
        assertThat(now).isEqualTo(Api.withoutLastUsed(live));
    }

    @Test
    void whenListAsOfThenTheAccountsOfThatInstantFilteredByTheirStateThenWithWhoGaveTheRight() {
        TestCompany company = api.company("Admins as of " + UUID.randomUUID());
        JsonNode first = company.account("Ops first", "ADMIN", "ADMIN");
        JsonNode second = company.account("Ops second");
        JsonNode third = company.account("Ops third", "ADMIN", "ADMIN");
        Instant instant = mark();
        company.grant(second, "ADMIN", "ADMIN");
        ok(company.accountCommand(first, "DELETE", "", null));
        company.account("Ops later", "ADMIN", "ADMIN");
        company.awaitView(first, view -> view.get("status").asText().equals("DELETED"));

        JsonNode then = json200(list(company, instant, "&usable=true&namePrefix=ops"));
        assertThat(ids(then)).containsExactly(id(first), id(third));
        assertThat(then.at("/items/0/permissionChanges/company/ADMIN/changedBy").asText()).isEqualTo("operator");
        assertThat(then.at("/items/0/status").asText()).isEqualTo("ACTIVE");
        assertThat(ids(json200(list(company, instant, "&usable=false")))).containsExactly(id(second));
        assertThat(ids(json200(list(company, instant, "&status=DELETED")))).isEmpty();
        assertThat(ids(json200(list(company, Instant.now(), "&status=DELETED")))).containsExactly(id(first));

        JsonNode page = json200(list(company, instant, "&limit=1"));
        assertThat(ids(page)).containsExactly(id(first));
        JsonNode rest = json200(list(company, instant, "&limit=100&cursor=" + page.get("nextCursor").asText()));
        assertThat(ids(rest)).containsExactly(id(second), id(third));
        assertThat(rest.has("nextCursor")).isFalse();
    }

    @Test
    void whenAsOfInTheFutureOrMalformedThen400SayingWhyAndBeforeCreationOrForeign404() {
        TestCompany company = api.company("As of errors " + UUID.randomUUID());
        TestCompany other = api.company("As of other " + UUID.randomUUID());
        JsonNode account = company.account("Target");
        JsonNode elsewhere = other.account("Elsewhere");

        JsonNode future = assertProblem(asOf(company, account, Instant.now().plusSeconds(3600)), 400, "INVALID_FIELD");
        assertThat(future.at("/errors/asOf").asText()).startsWith("is in the future");
        JsonNode malformed = assertProblem(api.query(company.operator(),
                "/api/v1" + company.path(account) + "?asOf=30.11.2026"), 400, "INVALID_FIELD");
        assertThat(malformed.at("/errors/asOf").asText()).contains("ISO-8601");
        JsonNode listFuture = assertProblem(api.query(company.operator(), "/api/v1/companies/" + company.id()
                + "/service-accounts?limit=101&asOf=" + Instant.now().plusSeconds(60)), 400, "INVALID_FIELD");
        assertThat(listFuture.at("/errors/asOf").asText()).startsWith("is in the future");
        assertThat(listFuture.at("/errors/limit").asText()).isEqualTo("must be an integer from 1 to 100");
        assertThat(json200(api.query(company.operator(), "/api/v1" + company.path(account) + "?asOf="
                + Instant.now().atOffset(java.time.ZoneOffset.ofHours(-5)).toString())).get("id").asText())
                .isEqualTo(id(account));

        assertProblem(asOf(company, account, Instant.parse(account.get("createdAt").asText()).minusSeconds(1)), 404,
                "NOT_FOUND");
        assertProblem(api.query(company.operator(), "/api/v1/companies/" + company.id() + "/service-accounts/"
                + id(elsewhere) + "?asOf=" + Instant.now()), 404, "NOT_FOUND");
    }

    @Test
    void whenCallersAskAsOfThenTheyGetWhatTheLiveReadGivesThem() {
        TestCompany company = api.company("As of access " + UUID.randomUUID());
        TestCompany other = api.company("As of access other " + UUID.randomUUID());
        JsonNode account = company.account("Target");
        String auditor = company.tokenWith("ADMIN", "READ_ONLY");
        String nobody = company.tokenWith("DOCUMENTS", "READ_ONLY");
        String outsider = other.tokenWith("ADMIN", "ADMIN");
        String one = "/api/v1" + company.path(account);
        String list = "/api/v1/companies/" + company.id() + "/service-accounts";
        String at = "asOf=" + Instant.now();

        for (String token : List.of(company.operator(), auditor, nobody, outsider)) {
            assertThat(api.query(token, one + "?" + at).statusCode()).isEqualTo(api.query(token, one).statusCode());
            assertThat(api.query(token, list + "?" + at).statusCode()).isEqualTo(api.query(token, list).statusCode());
        }
        assertThat(api.query(auditor, one + "?" + at).statusCode()).isEqualTo(200);
        assertThat(api.query(nobody, one + "?" + at).statusCode()).isEqualTo(403);
        assertThat(api.query(outsider, one + "?asOf=malformed").statusCode()).isEqualTo(404);
    }

    private record Step(String name, Instant after, Consumer<JsonNode> check) {
    }

    /** @return the step just done, with an instant after it and before the next command */
    private static Step step(String name, Consumer<JsonNode> check) {
        return new Step(name, mark(), check);
    }

    /** @return now, to the millisecond, a few milliseconds after the last command and before the next */
    private static Instant mark() {
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        return now;
    }

    private HttpResponse<String> asOf(TestCompany company, JsonNode account, Instant instant) {
        return api.query(company.operator(), "/api/v1" + company.path(account) + "?asOf=" + instant);
    }

    private HttpResponse<String> list(TestCompany company, Instant instant, String filters) {
        return api.query(company.operator(), "/api/v1/companies/" + company.id() + "/service-accounts?asOf="
                + instant + filters);
    }

    private static JsonNode json200(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response);
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
    }

    private static String id(JsonNode account) {
        return account.get("id").asText();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
