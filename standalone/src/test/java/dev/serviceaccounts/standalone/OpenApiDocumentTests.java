package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents of both apps (springdoc, docs/decisions.md D45): open to anyone with Swagger UI, and between
 * them they list every endpoint the README names, the token service's filter-served endpoints included.
 */
class OpenApiDocumentTests {

    private static final TestSystem system = TestSystem.shared();
    private static final Api api = system.api();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** A curl command's URL on either app: the path, up to a quote, a space or the query. */
    private static final Pattern LOCAL_URL = Pattern.compile("http://localhost:808[01](/[^\\s'\"?<>`);]*)");
    private static final Pattern METHOD_OPTION = Pattern.compile("(?:^|\\s)-X\\s+([A-Z]+)");
    /** An inline mention such as {@code `POST /oauth/introspect`} or {@code `GET .../companies/{companyId}`}. */
    private static final Pattern MENTION = Pattern.compile(
            "`(GET|POST|PUT|PATCH|DELETE) (?:http://localhost:808[01])?((?:\\.\\.\\.)?/[^`\\s?]*)");
    /** A link such as {@code <http://localhost:8080/oauth/jwks>}: a GET. */
    private static final Pattern LINK = Pattern.compile("<http://localhost:808[01](/[^>?]+)>");
    /** Where an absolute path of the README starts; any other path is relative to a company's base. */
    private static final List<String> ROOTS = List.of("/api/", "/oauth/", "/.well-known/", "/actuator");

    private static List<Endpoint> documented;

    @BeforeAll
    static void readBothDocuments() {
        documented = new ArrayList<>();
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            HttpResponse<String> document = api.get(base + "/v3/api-docs", null);
            assertThat(document.statusCode()).as(base + " " + document.body()).isEqualTo(200);
            Iterator<Map.Entry<String, JsonNode>> paths = Api.json(document).get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(field -> {
                    String method = field.toUpperCase(Locale.ROOT);
                    if (METHODS.contains(method)) {
                        documented.add(new Endpoint(method, path.getKey()));
                    }
                });
            }
        }
    }

    @Test
    void whenAnonymousOrWithABadTokenThenBothDocumentsAndSwaggerUiAreServed() {
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            for (String token : new String[] {null, "not-a-token"}) {
                HttpResponse<String> document = api.get(base + "/v3/api-docs", token);
                assertThat(document.statusCode()).as(base).isEqualTo(200);
                assertThat(Api.json(document).get("openapi").asText()).startsWith("3.");
                HttpResponse<String> ui = api.get(base + "/swagger-ui.html", token);
                assertThat(ui.statusCode()).as("redirect to the UI").isEqualTo(302);
                HttpResponse<String> page = api.get(base + "/swagger-ui/index.html", token);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("swagger-ui");
                assertThat(api.get(base + "/v3/api-docs/swagger-config", token).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void whenTheQuerySideDocumentThenTheTokenEndpointIsDescribedAsRfc6749() {
        JsonNode token = Api.json(api.get(system.queryUrl() + "/v3/api-docs", null))
                .at("/paths/~1oauth~1token/post");

        JsonNode form = token.at("/requestBody/content/application~1x-www-form-urlencoded/schema");
        assertThat(form.at("/required").toString()).contains("grant_type");
        assertThat(form.at("/properties/grant_type/enum/0").asText()).isEqualTo("client_credentials");
        assertThat(form.at("/properties").has("scope")).isTrue();
        assertThat(token.at("/responses/200/content/application~1json/schema/properties").has("access_token")).isTrue();
        assertThat(token.at("/responses/200/content/application~1json/schema/properties").has("expires_in")).isTrue();
        for (String status : List.of("400", "401", "429")) {
            assertThat(token.at("/responses/" + status + "/content/application~1json/schema/properties").has("error"))
                    .as(status).isTrue();
        }
        assertThat(documented).contains(new Endpoint("POST", "/oauth/introspect"), new Endpoint("POST", "/oauth/revoke"));
    }

    @Test
    void whenTheReadmeNamesAnEndpointThenADocumentListsIt() throws IOException {
        Set<Endpoint> named = readmeEndpoints(Files.readString(Path.of("..", "README.md")));
        assertThat(named).as("endpoints the README names").hasSizeGreaterThan(30);

        List<Endpoint> missing = named.stream().filter(endpoint -> documented.stream().noneMatch(endpoint::isServedBy))
                .toList();

        assertThat(missing).as("README endpoints missing from both OpenAPI documents " + documented).isEmpty();
    }

    /**
     * @return every method and path the README names: its curl commands (the method of {@code -X}, else POST with a
     *         body, else GET), its inline mentions ({@code `PUT .../permissions/company/{tool}`}) and its links; the
     *         OpenAPI documents, Swagger UI and the admin console (pages, not API: docs/decisions.md D49) left out
     */
    static Set<Endpoint> readmeEndpoints(String readme) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (String command : readme.replace("\\\n", " ").split("\n")) {
            int curl = command.indexOf("curl ");
            if (curl < 0) {
                continue;
            }
            String call = command.substring(curl);
            Matcher url = LOCAL_URL.matcher(call);
            if (!url.find()) {
                continue;
            }
            Matcher option = METHOD_OPTION.matcher(call);
            String method = option.find() ? option.group(1)
                    : call.matches(".*\\s(-d|--data\\S*)\\s.*") ? "POST" : "GET";
            endpoints.add(new Endpoint(method, url.group(1)));
        }
        Matcher mention = MENTION.matcher(readme);
        while (mention.find()) {
            endpoints.add(new Endpoint(mention.group(1), mention.group(2)));
        }
        Matcher link = LINK.matcher(readme);
        while (link.find()) {
            endpoints.add(new Endpoint("GET", link.group(1)));
        }
        endpoints.removeIf(endpoint -> endpoint.path().startsWith("/v3/api-docs")
                || endpoint.path().startsWith("/swagger-ui") || endpoint.path().startsWith("/console"));
        return endpoints;
    }

    /**
     * @param method an HTTP method
     * @param path   a path: a template ({@code {id}}), shell variables ({@code $SA_ID}) or examples in its segments;
     *               relative to a company's base when it does not start at a known root ({@code /service-accounts}, or
     *               {@code .../companies/{companyId}})
     */
    record Endpoint(String method, String path) {

        Endpoint {
            assertThat(METHODS).as(path).contains(method);
        }

        /** @return whether the documented endpoint {@code documented} serves this one */
        boolean isServedBy(Endpoint documented) {
            if (!documented.method().equals(method)) {
                return false;
            }
            String concrete = path.replaceFirst("^\\.\\.\\.", "").replaceAll("\\$\\{?[A-Z_]+}?", "x");
            boolean absolute = !path.startsWith("...") && ROOTS.stream().anyMatch(path::startsWith);
            return absolute ? concrete.matches(template(documented.path())) : endsWith(documented.path(), concrete);
        }

        /** @return a regular expression of a documented path: each {@code {variable}} matches one segment's text */
        private static String template(String documented) {
            return Pattern.quote(documented).replaceAll("\\{[^}]+}", "\\\\E[^/:]+\\\\Q");
        }

        /** @return whether a suffix of {@code template}, segment by segment, matches {@code concrete} */
        private static boolean endsWith(String template, String concrete) {
            String[] templateSegments = template.split("/");
            String[] concreteSegments = concrete.split("/");
            if (concreteSegments.length > templateSegments.length) {
                return false;
            }
            int offset = templateSegments.length - concreteSegments.length;
            for (int i = 1; i < concreteSegments.length; i++) {
                if (!concreteSegments[i].matches(template(templateSegments[offset + i]))) {
                    return false;
                }
            }
            return concreteSegments.length > 1;
        }
    }
}
