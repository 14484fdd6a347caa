package dev.serviceaccounts.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The console is served by the query side without a token, with a strict Content Security Policy and frame denial;
 * it learns the command side's URL from {@code /console/config.json}; the command side allows cross-origin commands
 * from the console's origin only (docs/decisions.md D49). Its files are static resources: an unknown one is the 404
 * of an unknown path.
 */
class ConsoleServingTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenThePageIsRequestedThenItIsServedWithAStrictPolicy() {
        HttpResponse<String> page = api.get(system.queryUrl() + "/console/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>").doesNotContain("<script>");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'",
                "connect-src 'self' " + system.commandUrl() + ";").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void whenTheConsoleIsRequestedWithoutItsSlashThenItIsRedirectedToIt() {
        HttpResponse<String> answer = api.get(system.queryUrl() + "/console", null);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void whenAScriptIsRequestedThenItIsServedAsJavaScriptWithoutAToken() {
        HttpResponse<String> script = api.get(system.queryUrl() + "/console/js/app.js", "not-a-token");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("javascript"));
        assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(script.body()).doesNotContain("innerHTML", "localStorage.setItem", "sessionStorage.setItem");
    }

    @Test
    void whenThePageAsksForItsIconThenTheIconIsServedAsSvg() {
        HttpResponse<String> page = api.get(system.queryUrl() + "/console/", null);
        HttpResponse<String> icon = api.get(system.queryUrl() + "/console/favicon.svg", null);

        assertThat(page.body()).contains("<link rel=\"icon\" href=\"favicon.svg\"");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("image/svg+xml"));
    }

    @Test
    void whenAnUnknownConsoleFileIsRequestedThenItIsTheUnknownPath404() {
        HttpResponse<String> missing = api.get(system.queryUrl() + "/console/js/nothing.js", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void whenTheConsoleAsksForItsSettingsThenItIsToldTheCommandSidesUrl() {
        HttpResponse<String> config = api.get(system.queryUrl() + "/console/config.json", null);

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(Api.json(config).get("commandUrl").asText()).isEqualTo(system.commandUrl());
    }

    @Test
    void whenTheConsolesOriginPreflightsACommandThenTheCommandSideAllowsIt() {
        HttpResponse<String> preflight = preflight(system.queryUrl());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(system.queryUrl());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void whenTheConsoleIsOpenedByTheLoopbackAddressThenItsCommandsAreAllowedToo() {
        String loopback = system.queryUrl().replace("localhost", "127.0.0.1");

        assertThat(preflight(loopback).headers().firstValue("Access-Control-Allow-Origin")).hasValue(loopback);
    }

    @Test
    void whenAnotherOriginPreflightsACommandThenItIsRefused() {
        for (String origin : new String[] {"https://elsewhere.example", "http://localhost:1", "null",
                system.queryUrl().replace("http:", "https:")}) {
            HttpResponse<String> preflight = preflight(origin);

            assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
            assertThat(preflight.headers().firstValue("Content-Type")).as(origin)
                    .hasValue("application/problem+json");
            assertThat(preflight.body()).as(origin).contains("\"code\":\"FORBIDDEN\"");
        }
    }

    @Test
    void whenAnotherOriginSendsACommandThenItIsRefusedInProblemJson() {
        HttpResponse<String> refused = api.send(HttpRequest.newBuilder(URI.create(system.commandUrl()
                        + "/api/v1/companies/x/service-accounts/y"))
                .DELETE()
                .header("Origin", "https://elsewhere.example"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"FORBIDDEN\"").doesNotContain("Invalid CORS request");
    }

    @Test
    void whenTheQuerySideIsAskedAcrossOriginsThenItAllowsNothing() {
        HttpResponse<String> answer = api.get(system.queryUrl() + "/api/v1/companies", api.operatorToken(),
                "Origin", "https://elsewhere.example");

        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) {
        return api.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1/companies/x/service-accounts"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    }
}
