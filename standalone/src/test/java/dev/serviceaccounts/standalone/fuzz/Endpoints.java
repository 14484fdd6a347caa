package dev.serviceaccounts.standalone.fuzz;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every endpoint of both apps that the fuzz sends requests to, as the handler mappings name them (pattern with
 * its variables, method; {@code *} for a mapping that takes every method), and the three client endpoints that
 * {@code ClientEndpointFilter} serves ahead of Spring MVC. {@link FuzzedEndpointsTests} fails when an app maps a
 * path that is not listed here, so a new endpoint is fuzzed from the day it is added (docs/decisions.md D46).
 * Taken from the controllers and the README's endpoint tables.
 */
final class Endpoints {

    /** Which app serves an endpoint. */
    enum Side { COMMAND, QUERY }

    /** How an endpoint answers errors. */
    enum Format {
        /** RFC 9457 {@code application/problem+json} in the project's vocabulary. */
        PROBLEM,
        /** RFC 6749 §5.2 JSON ({@code error}, {@code error_description}), 401 with a Basic challenge. */
        OAUTH
    }

    /**
     * @param side    the app
     * @param method  the HTTP method, or {@code *}
     * @param pattern the path pattern as mapped
     * @param format  how its errors are written
     */
    record Endpoint(Side side, String method, String pattern, Format format) {

        /** @return {@code SIDE METHOD pattern}, the key the coverage test compares */
        String key() {
            return side + " " + method + " " + pattern;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** The operator's rebuild of the command side's lookup tables (D47). */
    static final String LOOKUP_TABLES_REBUILD = "/api/v1/admin/lookup-tables:rebuild";

    private static final String COMPANY = "/api/v1/companies/{companyId}";
    private static final String ACCOUNT = COMPANY + "/service-accounts/{serviceAccountId}";
    private static final String QUERY_ACCOUNT = COMPANY + "/service-accounts/{id}";

    /** The endpoints: the command side's admin API, then the query side's APIs, OAuth endpoints and metadata. */
    static final List<Endpoint> ALL = List.of(
            command("POST", "/api/v1/companies"),
            command("POST", "/api/v1/marketplace-apps"),
            command("POST", COMPANY + "/service-accounts"),
            command("PATCH", ACCOUNT),
            command("DELETE", ACCOUNT),
            command("POST", ACCOUNT + "/secret:reset"),
            command("POST", ACCOUNT + "/secret:rotate"),
            command("POST", ACCOUNT + ":deactivate"),
            command("POST", ACCOUNT + ":reactivate"),
            command("PUT", ACCOUNT + "/permissions/company/{tool}"),
            command("PUT", ACCOUNT + "/projects/{projectId}"),
            command("DELETE", ACCOUNT + "/projects/{projectId}"),
            command("POST", COMPANY + "/directory/people"),
            command("POST", COMPANY + "/directory/people/{contactId}:deactivate"),
            command("POST", COMPANY + "/directory/people/{contactId}:reactivate"),
            command("POST", COMPANY + "/directory/contacts"),
            command("PATCH", COMPANY + "/directory/contacts/{contactId}"),
            command("DELETE", COMPANY + "/directory/contacts/{contactId}"),
            query("GET", "/api/v1/companies"),
            query("GET", "/api/v1/marketplace-apps"),
            query("GET", "/api/v1/marketplace-apps/{marketplaceAppId}"),
            query("GET", COMPANY),
            query("GET", COMPANY + "/service-accounts"),
            query("GET", QUERY_ACCOUNT),
            query("GET", COMPANY + "/directory/contacts"),
            query("GET", COMPANY + "/directory/contacts/{contactId}"),
            query("GET", COMPANY + "/audit/events"),
            query("GET", COMPANY + "/audit/events.ndjson"),
            query("GET", QUERY_ACCOUNT + "/history"),
            query("GET", QUERY_ACCOUNT + "/history.ndjson"),
            query("GET", "/api/v1/admin/processors"),
            query("GET", "/api/v1/admin/processors/{name}"),
            query("POST", "/api/v1/admin/processors/{name}:replay"),
            query("POST", "/api/v1/admin/signing-keys:rotate"),
            command("POST", LOOKUP_TABLES_REBUILD),
            command("GET", "/api/v1/admin/lookup-tables/rebuild"),
            query("GET", "/oauth/token/info"),
            query("GET", "/oauth/jwks"),
            query("GET", "/.well-known/jwks.json"),
            query("GET", "/.well-known/oauth-authorization-server"),
            new Endpoint(Side.QUERY, "POST", "/oauth/token", Format.OAUTH),
            new Endpoint(Side.QUERY, "POST", "/oauth/introspect", Format.OAUTH),
            new Endpoint(Side.QUERY, "POST", "/oauth/revoke", Format.OAUTH),
            // both apps: the error page (every method; requested directly it is an unknown path) and actuator
            command("*", "/error"), query("*", "/error"),
            command("GET", "/actuator"), query("GET", "/actuator"),
            command("GET", "/actuator/health"), query("GET", "/actuator/health"),
            command("GET", "/actuator/health/**"), query("GET", "/actuator/health/**"),
            command("GET", "/actuator/info"), query("GET", "/actuator/info"),
            command("GET", "/actuator/metrics"), query("GET", "/actuator/metrics"),
            command("GET", "/actuator/metrics/{requiredMetricName}"),
            query("GET", "/actuator/metrics/{requiredMetricName}"),
            command("GET", "/actuator/prometheus"), query("GET", "/actuator/prometheus"),
            // both apps: the OpenAPI documents and Swagger UI, open to anyone
            command("GET", "/v3/api-docs"), query("GET", "/v3/api-docs"),
            command("GET", "/v3/api-docs.yaml"), query("GET", "/v3/api-docs.yaml"),
            command("GET", "/v3/api-docs/swagger-config"), query("GET", "/v3/api-docs/swagger-config"),
            command("GET", "/swagger-ui.html"), query("GET", "/swagger-ui.html"),
            // the query side's admin console (D49): its page, its redirect and its settings, open to anyone; its
            // scripts and styles are static files, sent to by the unknown paths under /console/ (FuzzInputs)
            query("GET", "/console"), query("GET", "/console/"), query("GET", "/console/config.json"));

    /** The paths of the endpoints served by {@code ClientEndpointFilter}, which answer in RFC 6749 §5.2 JSON. */
    static final Set<String> CLIENT_ENDPOINT_PATHS = ALL.stream().filter(endpoint -> endpoint.format() == Format.OAUTH)
            .map(Endpoint::pattern).collect(Collectors.toUnmodifiableSet());

    private Endpoints() {
    }

    /** @return the keys of every endpoint of {@code side} ({@link Endpoint#key()}), sorted */
    static Set<String> keys(Side side) {
        return ALL.stream().filter(endpoint -> endpoint.side() == side).map(Endpoint::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Endpoint command(String method, String pattern) {
        return new Endpoint(Side.COMMAND, method, pattern, Format.PROBLEM);
    }

    private static Endpoint query(String method, String pattern) {
        return new Endpoint(Side.QUERY, method, pattern, Format.PROBLEM);
    }
}
