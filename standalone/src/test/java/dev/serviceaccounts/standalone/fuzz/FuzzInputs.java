package dev.serviceaccounts.standalone.fuzz;

import dev.serviceaccounts.standalone.fuzz.Endpoints.Endpoint;
import dev.serviceaccounts.standalone.fuzz.Endpoints.Format;
import dev.serviceaccounts.standalone.fuzz.Endpoints.Side;
import dev.serviceaccounts.standalone.fuzz.FuzzRequest.Expectation;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The fuzz's generators (jqwik arbitraries): requests to every endpoint of {@link Endpoints} and to paths that no
 * endpoint serves, with random and malformed methods, paths, query strings, headers, callers and bodies. Text
 * draws on every UTF-16 unit (lone surrogates included), control and bidirectional characters, NUL, edge values
 * and huge strings; bodies are JSON of the endpoint's shape with random values, random JSON, deeply nested and
 * huge JSON, malformed JSON, forms and raw bytes. Ids in paths are mostly real ones of {@link FuzzTarget}, so that
 * requests reach past the lookups, and a valid caller's token is sent more often than not, so that they reach past
 * authentication. Every choice is drawn by jqwik, so a seed gives the same requests again (the ids of a new
 * system aside).
 */
final class FuzzInputs {

    private static final String TRICKY_CHARS = "\u0000\u0001\u0007\b\t\n\u000B\f\r\u001B\u007F\u0085\u00A0\u200B"
            + "\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029\uFEFF\uFFFE\uFFFF"
            + "\uD800\uDBFF\uDC00\uDFFF\u0301\u05D0\u05EA\u0627\u0645\u4E2D\u00E9\"'\\/<>&%{}[]:;,=?#+ @.~`$!*()|^";
    private static final List<String> EDGE_STRINGS = List.of("", " ", "null", "true", "false", "0", "-1", "1e309",
            "NaN", "Infinity", "2147483648", "-9223372036854775809", "99999999999999999999999999", "0x10", "1.5",
            "..", ".", "../../etc/passwd", "%", "%00", "%zz", "%2F", "\\", "{}", "[]", "{\"a\":1}", "\u0000",
            "\uD83D\uDE00", "\uD800", "\uDFFF\uD800", "a\u0000b", "operator", "OPERATOR", "client_credentials",
            "Bearer", "service-accounts-view", "token-eligibility-state", "documents:read-only", "admin:admin",
            "<script>alert(1)</script>", "' OR '1'='1", "${jndi:ldap://x/a}", "{{7*7}}", "$where", "{\"$gt\":\"\"}",
            "$ne", "\u202Egnp.exe", "\u05D7\u05D1\u05E8\u05D4", "\u0627\u0644\u0634\u0631\u0643\u0629", "e\u0301",
            "\r\nX-Injected: 1", "a".repeat(256), "A".repeat(321));
    private static final List<String> STANDARD_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            "OPTIONS");
    private static final List<String> ODD_METHODS = List.of("TRACE", "PROPFIND", "MKCOL", "FOO", "get", "post",
            "QUERY", "M-SEARCH", "CONNECT", "PATCH2", "G\u00C9T", "GET\u0000", "X".repeat(300), "");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=UTF-8",
            "application/json; charset=utf-16", "application/json;charset=bogus", "text/plain",
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded;charset=ISO-8859-1",
            "multipart/form-data; boundary=XYZ", "application/xml", "application/problem+json",
            "application/merge-patch+json", "*/*", "", "a", "application/", "application/json;;", "application/json, text/plain",
            "APPLICATION/JSON", "application/x-ndjson");
    private static final List<String> ACCEPTS = List.of("application/json", "application/problem+json", "text/html",
            "*/*", "application/x-ndjson", "application/xml", "application/json;q=0", "text/*", "", "a/b/c",
            "application/jwk-set+json", "image/png, text/html;q=0.9", "application/json;q=abc");
    private static final List<String> EXTRA_HEADERS = List.of("X-Request-Id", "Accept-Language", "Accept-Charset",
            "Accept-Encoding", "Origin", "Referer", "Cookie", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            "Forwarded", "Range", "If-Match", "If-None-Match", "If-Modified-Since", "Content-Encoding",
            "Content-Language", "X-HTTP-Method-Override", "DPoP", "Prefer", "Max-Forwards", "Transfer-Encoding",
            "Authorization", "X-Fuzz", "Content-Type");
    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "status", "appType", "usable",
            "namePrefix", "asOf", "email", "aggregateId", "type", "actor", "from", "to", "order", "grant_type",
            "client_id", "client_secret", "token", "scope");
    private static final List<String> INSTANTS = List.of("2026-11-30T10:00:00Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "1970-01-01T00:00:00+18:00", "2099-01-01T00:00:00Z",
            "1970-01-01T00:00:00 01:00", "2026-11-30T10:00:00.123456789Z", "2026-11-30", "-1");
    private static final List<String> JSON_NUMBERS = List.of("0", "-0", "1", "-1", "1.5", "1e309", "-1e309",
            "2147483648", "9223372036854775808", "1" + "0".repeat(400), "0." + "0".repeat(400) + "1", "1E+2",
            "123456789012345678901234567890", "-9223372036854775809", "86400", "3600", "-86400");
    private static final List<String> TOOLS = List.of("ADMIN", "admin", "DOCUMENTS", "documents", "DIRECTORY",
            "ERP_INTEGRATIONS", "Budget", "BUDGET");
    private static final List<String> LEVELS = List.of("NONE", "READ_ONLY", "STANDARD", "ADMIN", "read_only",
            "Admin");
    private static final List<String> SCOPES = List.of("documents:read-only", "documents:standard", "admin:admin",
            "admin:read-only", "documents:admin", "directory:standard documents:read-only", "openid", "documents:");
    private static final List<String> PROCESSORS = List.of("service-accounts-view", "token-eligibility-state",
            "audit-events", "companies-view", "marketplace-apps-view", "directory-view", "token-eligibility-instance");
    private static final List<String> METRICS = List.of("jvm.memory.used", "http.server.requests",
            "sa.token.client_authentication.failures", "process.uptime");
    /** The marketplace app the fuzz target registers: a plausible {@code marketplaceAppId} that exists. */
    static final String MARKETPLACE_APP = "app-1";
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}|\\*\\*");

    private final FuzzTarget target;

    FuzzInputs(FuzzTarget target) {
        this.target = target;
    }

    /** @return any request: to an endpoint (most), well-formed to a client endpoint, or to an unknown path */
    @SuppressWarnings("unchecked")
    Arbitrary<FuzzRequest> requests() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(Endpoints.ALL).flatMap(this::toEndpoint)),
                Tuple.of(2, wellFormedClientCalls()),
                Tuple.of(2, unknownPaths()));
    }

    private Arbitrary<FuzzRequest> toEndpoint(Endpoint endpoint) {
        Arbitrary<String> path = path(endpoint).flatMap(this::mutatedPath);
        Arbitrary<String> method = method(endpoint.method());
        Arbitrary<String> query = query();
        Arbitrary<List<Map.Entry<String, String>>> headers = endpoint.format() == Format.OAUTH
                ? clientHeaders() : apiHeaders();
        Arbitrary<byte[]> body = endpoint.format() == Format.OAUTH ? clientBody() : body(endpoint);
        Arbitrary<FuzzRequest> requests = Combinators.combine(method, path, query, headers, body).as((m, p, q, h, b) ->
                request(endpoint.side(), m, p, q, h, b, endpoint, Expectation.ANY));
        // the operator's POST would really rebuild the lookup tables, and move them under the snapshots compared
        return endpoint.pattern().equals(Endpoints.LOOKUP_TABLES_REBUILD)
                ? requests.filter(request -> request.headers().stream()
                        .noneMatch(header -> header.getValue().contains(target.operatorToken)))
                : requests;
    }

    private FuzzRequest request(Side side, String method, String path, String query,
                                List<Map.Entry<String, String>> headers, byte[] body, Endpoint endpoint,
                                Expectation expectation) {
        Set<String> secrets = new HashSet<>();
        for (Map.Entry<String, String> header : headers) {
            secretOfBasic(header.getValue(), secrets);
        }
        if (body != null) {
            Matcher secret = Pattern.compile("client_secret(?:=|\"\\s*:\\s*\")([^&\"]{12,})")
                    .matcher(new String(body, StandardCharsets.UTF_8));
            while (secret.find()) {
                secrets.add(secret.group(1));
                try {
                    secrets.add(java.net.URLDecoder.decode(secret.group(1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // not valid percent-encoding: the raw text is what could come back
                }
            }
        }
        return new FuzzRequest(side, method, path, query, headers, body, endpoint, secrets, expectation);
    }

    private static void secretOfBasic(String value, Set<String> secrets) {
        if (value != null && value.startsWith("Basic ")) {
            try {
                String pair = new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon >= 0 && pair.length() - colon - 1 >= 12) {
                    secrets.add(java.net.URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                // not base64: it carries no secret
            }
        }
    }

    /** An authenticated client's revocation or introspection of any token: RFC 7009 and 7662 fix its answer. */
    private Arbitrary<FuzzRequest> wellFormedClientCalls() {
        Arbitrary<String> path = Arbitraries.of("/oauth/revoke", "/oauth/introspect");
        Arbitrary<FuzzTarget.Client> caller = Arbitraries.of(target.adminA, target.auditorA, target.adminB);
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(target.victimTokens)),
                Tuple.of(3, text().filter(value -> !value.isEmpty())),
                Tuple.of(1, Arbitraries.of(target.victimTokens).map(value -> value.substring(0, value.length() - 2) + "AA")));
        Arbitrary<String> hint = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("&token_type_hint=access_token", "&token_type_hint=refresh_token")),
                Tuple.of(1, text().map(value -> "&token_type_hint=" + Api.form(value))));
        Arbitrary<Boolean> operator = Arbitraries.of(true, false);
        return Combinators.combine(path, caller, token, hint, operator).as((p, c, t, h, o) -> {
            String authorization = o ? Api.basic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET)
                    : Api.basic(c.clientId(), c.secret());
            byte[] body = ("token=" + Api.form(t) + h).getBytes(StandardCharsets.UTF_8);
            Endpoint endpoint = Endpoints.ALL.stream().filter(e -> e.pattern().equals(p)).findFirst().orElseThrow();
            return request(Side.QUERY, "POST", p, null, List.of(Map.entry("Authorization", authorization),
                    Map.entry("Content-Type", "application/x-www-form-urlencoded")), body, endpoint,
                    p.equals("/oauth/revoke") ? Expectation.REVOKED_200 : Expectation.INTROSPECTED_200);
        });
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<FuzzRequest> unknownPaths() {
        Arbitrary<String> path = Arbitraries.frequencyOf(
                Tuple.of(2, segment().map(s -> "/api/v1/" + s)),
                Tuple.of(1, segment().map(s -> "/" + s)),
                Tuple.of(1, segment().map(s -> "/oauth/" + s)),
                Tuple.of(1, segment().map(s -> "/actuator/" + s)),
                Tuple.of(1, segment().map(s -> "/.well-known/" + s)),
                Tuple.of(1, segment().map(s -> "/console/" + s)),
                Tuple.of(1, Arbitraries.of("/console/console.css", "/console/js/app.js", "/console/js/",
                        "/console/index.html")),
                Tuple.of(1, Arbitraries.of("/error", "/error/x", "/", "", "/api", "/api/v1", "/api/v2/companies",
                        "/oauth", "/bench/limit", "/actuator/env", "/actuator/heapdump", "/actuator/shutdown",
                        "/index.html", "/favicon.ico", "/api/v1/companies/" + UUID.randomUUID() + "/unknown")));
        Arbitrary<Side> side = Arbitraries.of(Side.values());
        return Combinators.combine(side, Arbitraries.oneOf(Arbitraries.of(STANDARD_METHODS), Arbitraries.of(ODD_METHODS)),
                        path, query(), apiHeaders(), body(null))
                .as((s, m, p, q, h, b) -> request(s, m, p.isEmpty() ? "/" : p, q, h, b, null, Expectation.ANY));
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<String> method(String own) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(own.equals("*") ? "GET" : own)),
                Tuple.of(3, Arbitraries.of(STANDARD_METHODS)),
                Tuple.of(1, Arbitraries.of(ODD_METHODS)));
    }

    /** @return the endpoint's path with each variable drawn from the ids that exist, or not */
    private Arbitrary<String> path(Endpoint endpoint) {
        Matcher variables = VARIABLE.matcher(endpoint.pattern());
        List<String> names = new ArrayList<>();
        while (variables.find()) {
            names.add(variables.group(1) == null ? "**" : variables.group(1));
        }
        if (names.isEmpty()) {
            return Arbitraries.just(endpoint.pattern());
        }
        Arbitrary<List<String>> values = Arbitraries.just(List.<String>of());
        for (String name : names) {
            Arbitrary<String> value = pathValue(name, endpoint.pattern().endsWith(":replay"));
            values = values.flatMap(done -> value.map(next -> {
                List<String> all = new ArrayList<>(done);
                all.add(next);
                return all;
            }));
        }
        return values.map(all -> {
            Matcher matcher = VARIABLE.matcher(endpoint.pattern());
            StringBuilder path = new StringBuilder();
            int i = 0;
            while (matcher.find()) {
                matcher.appendReplacement(path, Matcher.quoteReplacement(all.get(i++)));
            }
            matcher.appendTail(path);
            return path.toString();
        });
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<String> pathValue(String variable, boolean replay) {
        Arbitrary<String> real = switch (variable) {
            case "companyId" -> Arbitraries.of(target.companyIds);
            case "serviceAccountId", "id" -> Arbitraries.of(target.accountIds);
            case "marketplaceAppId" -> Arbitraries.of(MARKETPLACE_APP, "APP-1", "app-1%20");
            case "contactId" -> Arbitraries.of(target.contactIds);
            case "tool" -> Arbitraries.of(TOOLS);
            case "projectId" -> Arbitraries.of("p1", "project-" + 7, UUID.randomUUID().toString());
            // a real rebuild would switch the views under the fuzz's snapshots: names that exist are for reading
            case "name" -> replay ? Arbitraries.of("no-such-processor", "SERVICE-ACCOUNTS-VIEW", "companies-view-x")
                    : Arbitraries.of(PROCESSORS);
            case "requiredMetricName" -> Arbitraries.of(METRICS);
            case "**" -> Arbitraries.of("liveness", "readiness", "db", "ping", "x/y");
            default -> throw new IllegalArgumentException(variable);
        };
        return Arbitraries.frequencyOf(
                Tuple.of(6, real),
                Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())),
                Tuple.of(3, segment()));
    }

    /** @return one path segment of random text, percent-encoded (sometimes with invalid UTF-8 or sub-delimiters kept) */
    @SuppressWarnings("unchecked")
    private Arbitrary<String> segment() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, text().map(FuzzInputs::encodeSegment)),
                Tuple.of(1, text().map(value -> encodeSegment(value).replace("%3B", ";").replace("%3D", "=")
                        .replace("%2C", ",").replace("%21", "!").replace("%24", "$"))),
                Tuple.of(1, Arbitraries.of("%ED%A0%80", "%FF", "%C0%AF", "%C3%28", "%E2%82", "%F4%90%80%80",
                        "%2F", "%5C", "%00", "%2e%2e", "%25", "%u202E", "a%20b", ";x=1", "..", ".")));
    }

    /** @return {@code value} percent-encoded as a path segment: every byte of its UTF-8 but the unreserved */
    static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<String> mutatedPath(String path) {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(path)),
                Tuple.of(1, Arbitraries.just(path + "/")),
                Tuple.of(1, segment().map(s -> path + "/" + s)),
                Tuple.of(1, Arbitraries.just(path + ";a=b")),
                Tuple.of(1, Arbitraries.just(path.replaceFirst("/", "//"))),
                Tuple.of(1, Arbitraries.just(path.toUpperCase(java.util.Locale.ROOT))),
                Tuple.of(1, Arbitraries.just(path + "/..")),
                Tuple.of(1, Arbitraries.just(path + ".json")),
                Tuple.of(1, Arbitraries.just(path.replace("/", "/./"))));
    }

    /** @return a raw query string, or null */
    @SuppressWarnings("unchecked")
    private Arbitrary<String> query() {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(QUERY_NAMES)), Tuple.of(1, text()));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(4, text()),
                Tuple.of(2, Arbitraries.of(INSTANTS)),
                Tuple.of(1, Arbitraries.of(JSON_NUMBERS)),
                Tuple.of(1, Arbitraries.of("ACTIVE", "deleted", "CUSTOM", "true", "FALSE", "oldest", "newest",
                        "ServiceAccountCreatedEvent", "operator")));
        Arbitrary<String> pair = Combinators.combine(name, value, Arbitraries.integers().between(0, 9))
                .as((n, v, how) -> switch (how) {
                    case 0 -> Api.form(n) + "=" + v.replace("&", "%26").replace("#", "%23").replace(" ", "%20")
                            .replaceAll("[^\\x21-\\x7e]", "%FF");
                    case 1 -> Api.form(n);
                    case 2 -> Api.form(n) + "=" + encodeSegment(v) + "%";
                    default -> Api.form(n) + "=" + Api.form(v);
                });
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just((String) null)),
                Tuple.of(3, pair.list().ofMinSize(1).ofMaxSize(5).map(pairs -> String.join("&", pairs))),
                Tuple.of(1, Arbitraries.of("", "&", "=", "a=1&a=2&a=3", "limit=1&limit=2", "type=" + "x".repeat(5000))));
    }

    /** @return headers of an API request: a caller's Authorization, Content-Type, Accept and some more */
    private Arbitrary<List<Map.Entry<String, String>>> apiHeaders() {
        return Combinators.combine(bearer(), contentType(), accept(), extraHeaders())
                .as((authorization, type, accept, extra) -> {
                    List<Map.Entry<String, String>> headers = new ArrayList<>(authorization);
                    type.ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
                    accept.ifPresent(value -> headers.add(Map.entry("Accept", value)));
                    headers.addAll(extra);
                    return headers;
                });
    }

    /** @return headers of a client endpoint's request: Basic credentials of a known client or not, and more */
    private Arbitrary<List<Map.Entry<String, String>>> clientHeaders() {
        Arbitrary<java.util.Optional<String>> formMostly = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(java.util.Optional.of("application/x-www-form-urlencoded"))),
                Tuple.of(3, contentType()));
        return Combinators.combine(basic(), formMostly, accept(), extraHeaders())
                .as((authorization, type, accept, extra) -> {
                    List<Map.Entry<String, String>> headers = new ArrayList<>(authorization);
                    type.ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
                    accept.ifPresent(value -> headers.add(Map.entry("Accept", value)));
                    headers.addAll(extra);
                    return headers;
                });
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<java.util.Optional<String>> contentType() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(java.util.Optional.<String>empty())),
                Tuple.of(6, Arbitraries.of(CONTENT_TYPES).map(java.util.Optional::of)),
                Tuple.of(1, text().map(java.util.Optional::of)));
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<java.util.Optional<String>> accept() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(java.util.Optional.<String>empty())),
                Tuple.of(3, Arbitraries.of(ACCEPTS).map(java.util.Optional::of)),
                Tuple.of(1, text().map(java.util.Optional::of)));
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<List<Map.Entry<String, String>>> extraHeaders() {
        Arbitrary<Map.Entry<String, String>> header = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(EXTRA_HEADERS)), Tuple.of(1, text())),
                Arbitraries.frequencyOf(Tuple.of(4, text()), Tuple.of(1, Arbitraries.of("gzip", "chunked", "bytes=0-1",
                        "DELETE", "*", "null", "1"))))
                .as(Map::entry);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<Map.Entry<String, String>>of())),
                Tuple.of(1, header.list().ofMinSize(1).ofMaxSize(3)));
    }

    /** @return the Authorization header(s) of an API caller: a valid token most often, or none, or a bad one */
    @SuppressWarnings("unchecked")
    private Arbitrary<List<Map.Entry<String, String>>> bearer() {
        Arbitrary<String> valid = Arbitraries.of(target.operatorToken, target.adminA.token(), target.auditorA.token(),
                target.adminB.token());
        String token = target.adminA.token();
        Arbitrary<String> bad = Arbitraries.frequencyOf(
                Tuple.of(2, text().map(value -> "Bearer " + value)),
                Tuple.of(1, Arbitraries.of("Bearer", "Bearer ", "bearer " + token, "Bearer  " + token,
                        "Bearer " + token + " x", "Bearer " + token.substring(0, token.length() - 3) + "abc",
                        "Bearer " + token.substring(0, token.lastIndexOf('.') + 1),
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciJ9.",
                        "Bearer " + target.revokedToken, "Basic " + Base64.getEncoder().encodeToString(
                                (TestSystem.OPERATOR_ID + ":" + TestSystem.OPERATOR_SECRET).getBytes(StandardCharsets.UTF_8)),
                        "Token " + token, "Bearer " + "a".repeat(9000), "Bearer " + token + "," + token)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.<Map.Entry<String, String>>of())),
                Tuple.of(8, valid.map(value -> List.of(Map.entry("Authorization", "Bearer " + value)))),
                Tuple.of(3, bad.map(value -> List.of(Map.entry("Authorization", value)))),
                Tuple.of(1, Combinators.combine(valid, bad).as((v, b) ->
                        List.of(Map.entry("Authorization", "Bearer " + v), Map.entry("Authorization", b)))));
    }

    /** @return a client endpoint's Authorization header(s): Basic credentials right, wrong or malformed, or none */
    @SuppressWarnings("unchecked")
    private Arbitrary<List<Map.Entry<String, String>>> basic() {
        List<String[]> known = new ArrayList<>();
        known.add(new String[] {TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET});
        for (FuzzTarget.Client client : List.of(target.adminA, target.auditorA, target.adminB, target.victims.get(1))) {
            known.add(new String[] {client.clientId(), client.secret()});
        }
        Arbitrary<String[]> client = Arbitraries.of(known);
        Arbitrary<String> header = Arbitraries.frequencyOf(
                Tuple.of(5, client.map(pair -> Api.basic(pair[0], pair[1]))),
                Tuple.of(2, Combinators.combine(client, secretLike()).as((pair, secret) -> Api.basic(pair[0], secret))),
                Tuple.of(1, Combinators.combine(text(), text()).as((id, secret) -> Api.basic(id, secret))),
                Tuple.of(1, text().map(value -> "Basic " + Base64.getEncoder().encodeToString(
                        value.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(1, text().map(value -> "Basic " + value)),
                Tuple.of(1, Arbitraries.of("Basic", "Basic ", "basic " + Api.basic("a", "b").substring(6), "Basic ===",
                        "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', (byte) 0xfe}),
                        "Bearer " + target.adminA.token(), "Basic " + Base64.getEncoder().encodeToString(
                                ("%zz:" + "%").getBytes(StandardCharsets.UTF_8)))));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.<Map.Entry<String, String>>of())),
                Tuple.of(8, header.map(value -> List.of(Map.entry("Authorization", value)))),
                Tuple.of(1, header.list().ofSize(2).map(values -> values.stream()
                        .map(value -> Map.entry("Authorization", value)).toList())));
    }

    /** @return a random secret of 12 or more characters, which no answer may repeat */
    private Arbitrary<String> secretLike() {
        return Arbitraries.strings().withChars(TRICKY_CHARS).alpha().numeric().ofMinLength(12).ofMaxLength(60);
    }

    /** @return a body for a client endpoint: a form of its parameters (most), their JSON, or anything */
    @SuppressWarnings("unchecked")
    private Arbitrary<byte[]> clientBody() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("grant_type", "scope", "token", "token_type_hint", "client_id",
                        "client_secret")),
                Tuple.of(1, text()));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("client_credentials", "password", "authorization_code", "refresh_token",
                        "access_token", TestSystem.OPERATOR_ID, target.adminA.clientId())),
                Tuple.of(2, Arbitraries.of(SCOPES)),
                Tuple.of(2, Arbitraries.of(target.victimTokens)),
                Tuple.of(2, secretLike()),
                Tuple.of(3, text()));
        Arbitrary<String> pair = Combinators.combine(name, value, Arbitraries.integers().between(0, 7))
                .as((n, v, how) -> switch (how) {
                    case 0 -> Api.form(n) + "=" + encodeSegment(v).replace("%", "%z");
                    case 1 -> Api.form(n) + "=" + v.replace("&", "%26").replace("=", "%3D");
                    default -> Api.form(n) + "=" + Api.form(v);
                });
        Arbitrary<String> form = Combinators.combine(pair.list().ofMinSize(0).ofMaxSize(6), Arbitraries.of(false, false, true))
                .as((pairs, repeated) -> String.join("&", pairs) + (repeated && !pairs.isEmpty() ? "&" + pairs.get(0) : ""));
        Arbitrary<String> granting = form.map(rest -> "grant_type=client_credentials" + (rest.isEmpty() ? "" : "&" + rest));
        Arbitrary<String> jsonValue = Arbitraries.frequencyOf(Tuple.of(4, value.map(FuzzInputs::quoted)), Tuple.of(1, json(1)));
        Arbitrary<String> json = Combinators.combine(name, jsonValue).as((n, v) -> quoted(n) + ":" + v)
                .list().ofMaxSize(4).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(5, form.map(FuzzInputs::utf8)),
                Tuple.of(3, granting.map(FuzzInputs::utf8)),
                Tuple.of(1, json.map(FuzzInputs::utf8)),
                Tuple.of(2, body(null)));
    }

    /** @return a body for {@code endpoint} (null: an unknown path): of its JSON shape, random, deep, huge, malformed, or none */
    @SuppressWarnings("unchecked")
    private Arbitrary<byte[]> body(Endpoint endpoint) {
        List<String> fields = endpoint == null ? List.of() : fields(endpoint.pattern(), endpoint.method());
        Arbitrary<String> shaped = fields.isEmpty() ? json(2)
                : fieldsOf(fields).map(entries -> "{" + String.join(",", entries) + "}");
        boolean readOnly = endpoint != null && endpoint.method().equals("GET");
        return Arbitraries.frequencyOf(
                Tuple.of(readOnly ? 12 : 2, Arbitraries.just((byte[]) null)),
                Tuple.of(6, shaped.map(FuzzInputs::utf8)),
                Tuple.of(2, json(3).map(FuzzInputs::utf8)),
                Tuple.of(1, deep()),
                Tuple.of(1, huge()),
                Tuple.of(2, malformed(shaped)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    private static List<String> fields(String pattern, String method) {
        if (pattern.endsWith("/companies")) {
            return List.of("name");
        } else if (pattern.endsWith("/marketplace-apps")) {
            return List.of("id", "name");
        } else if (pattern.endsWith("/service-accounts") || (pattern.endsWith("{serviceAccountId}") && method.equals("PATCH"))) {
            return List.of("name", "appType", "marketplaceAppId");
        } else if (pattern.endsWith("secret:rotate")) {
            return List.of("graceSeconds");
        } else if (pattern.endsWith("{tool}")) {
            return List.of("level");
        } else if (pattern.endsWith("{projectId}")) {
            return List.of("permissions");
        } else if (pattern.endsWith("/directory/people")) {
            return List.of("name", "email");
        } else if (pattern.endsWith("/contacts/{contactId}")) {
            return List.of("email", "acknowledgeBreaksServiceAccount");
        } else if (pattern.endsWith("/directory/contacts")) {
            return List.of("contactId", "acknowledgeBreaksServiceAccount");
        }
        return List.of();
    }

    /** @return {@code "field": value} entries for the fields: a plausible value or any JSON, sometimes left out or doubled */
    private Arbitrary<List<String>> fieldsOf(List<String> fields) {
        Arbitrary<List<String>> entries = Arbitraries.just(List.of());
        for (String field : fields) {
            Arbitrary<String> entry = Arbitraries.frequencyOf(
                    Tuple.of(6, plausible(field).map(value -> "\"" + field + "\":" + value)),
                    Tuple.of(3, json(2).map(value -> "\"" + field + "\":" + value)),
                    Tuple.of(1, Arbitraries.just("")),
                    Tuple.of(1, Combinators.combine(plausible(field), json(1))
                            .as((a, b) -> "\"" + field + "\":" + a + ",\"" + field + "\":" + b)));
            entries = entries.flatMap(done -> entry.map(next -> {
                List<String> all = new ArrayList<>(done);
                if (!next.isEmpty()) {
                    all.add(next);
                }
                return all;
            }));
        }
        Arbitrary<String> extra = Combinators.combine(text(), json(1)).as((n, v) -> "\"" + jsonEscape(n) + "\":" + v);
        return Combinators.combine(entries, extra.list().ofMaxSize(2)).as((a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<String> plausible(String field) {
        return switch (field) {
            case "name" -> Arbitraries.frequencyOf(
                    Tuple.of(3, text().map(value -> quoted("Fuzz " + value))),
                    Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(value -> quoted("Fuzz " + value))));
            case "appType" -> Arbitraries.of("\"CUSTOM\"", "\"MARKETPLACE\"", "\"custom\"", "\"\"", "null", "\"OTHER\"");
            case "marketplaceAppId" -> Arbitraries.oneOf(text().map(FuzzInputs::quoted),
                    Arbitraries.just(quoted(MARKETPLACE_APP)));
            case "id" -> Arbitraries.oneOf(text().map(FuzzInputs::quoted),
                    Arbitraries.just(quoted(MARKETPLACE_APP)), Arbitraries.create(() -> quoted("fuzz-" + UUID.randomUUID())));
            case "graceSeconds" -> Arbitraries.of(JSON_NUMBERS);
            case "level" -> Arbitraries.oneOf(Arbitraries.of(LEVELS).map(FuzzInputs::quoted), text().map(FuzzInputs::quoted));
            case "permissions" -> Combinators.combine(Arbitraries.oneOf(Arbitraries.of("DOCUMENTS", "RFIS", "ADMIN"), text()),
                    Arbitraries.oneOf(Arbitraries.of(LEVELS), text()))
                    .as((tool, level) -> "{" + quoted(tool) + ":" + quoted(level) + "}");
            case "email" -> Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)
                            .map(value -> quoted(value + "-" + UUID.randomUUID() + "@example.com"))),
                    Tuple.of(2, text().map(value -> quoted(value + "@example.com"))),
                    Tuple.of(1, text().map(FuzzInputs::quoted)),
                    Tuple.of(1, Arbitraries.of("\"a@b\"", "\"@\"", "\"a@\"", "\"@b.c\"", "\"a@@b.c\"",
                            "\"" + "a".repeat(320) + "@example.com\"", "\"\u00FCser@ex\u00E4mple.com\"", "\"a@[127.0.0.1]\"")));
            case "contactId" -> Arbitraries.oneOf(Arbitraries.of(target.contactIds).map(FuzzInputs::quoted),
                    text().map(FuzzInputs::quoted));
            case "acknowledgeBreaksServiceAccount" -> Arbitraries.of("true", "false", "null", "\"true\"", "1");
            default -> json(1);
        };
    }

    /** @return random JSON text of at most {@code depth} levels of nesting */
    @SuppressWarnings("unchecked")
    private Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                Tuple.of(4, text().map(FuzzInputs::quoted)),
                Tuple.of(2, Arbitraries.of(JSON_NUMBERS)),
                Tuple.of(1, Arbitraries.of("true", "false", "null")),
                Tuple.of(1, Arbitraries.of("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\u202e\"",
                        "\"a\\/b\"", "\"\\uD83D\\uDE00\"")));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> inner = json(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(1, inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(1, Combinators.combine(text(), inner).as((n, v) -> quoted(n) + ":" + v).list().ofMaxSize(4)
                        .map(entries -> "{" + String.join(",", entries) + "}")));
    }

    /** @return JSON nested hundreds to a hundred thousand levels deep, arrays or objects, closed or not */
    private static Arbitrary<byte[]> deep() {
        return Combinators.combine(Arbitraries.of(100, 999, 1000, 1001, 5000, 100_000), Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as((depth, arrays, closed) -> {
                    String open = arrays ? "[" : "{\"a\":";
                    String close = arrays ? "]" : "}";
                    return utf8(open.repeat(depth) + "1" + (closed ? close.repeat(depth) : ""));
                });
    }

    /** @return a body of a quarter to two megabytes: one long string, a long array, many fields */
    private static Arbitrary<byte[]> huge() {
        return Combinators.combine(Arbitraries.of(250_000, 2_000_000), Arbitraries.of(0, 1, 2, 3))
                .as((size, kind) -> utf8(switch (kind) {
                    case 0 -> "{\"name\":\"" + "x".repeat(size) + "\"}";
                    case 1 -> "[" + "1,".repeat(size / 2) + "1]";
                    case 2 -> "{" + "\"a\":1,".repeat(size / 6) + "\"b\":2}";
                    default -> "name=" + "x".repeat(size);
                }));
    }

    /** @return the shaped JSON made malformed: cut, with something after it, in another encoding, with raw bytes */
    private static Arbitrary<byte[]> malformed(Arbitrary<String> shaped) {
        return Combinators.combine(shaped, Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 1000))
                .as((json, how, at) -> switch (how) {
                    case 0 -> utf8(json.substring(0, Math.min(json.length(), at % Math.max(1, json.length()))));
                    case 1 -> utf8(json + "x");
                    case 2 -> utf8(json + " " + json);
                    case 3 -> json.getBytes(StandardCharsets.UTF_16);
                    case 4 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(json));
                    case 5 -> utf8(json.replace('"', '\''));
                    case 6 -> utf8("/* c */" + json);
                    case 7 -> concat(utf8(json.substring(0, json.length() / 2)), new byte[] {(byte) 0xC3, (byte) 0x28,
                            (byte) 0xFF, 0, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8(json.substring(json.length() / 2)));
                    case 8 -> utf8(json.replace(":", ":\u0000"));
                    default -> utf8(" \t\r\n ");
                });
    }

    /** @return random text: any UTF-16 units, tricky characters, edge values, or huge */
    @SuppressWarnings("unchecked")
    Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(24)),
                Tuple.of(3, Arbitraries.strings().withChars(TRICKY_CHARS).ofMinLength(1).ofMaxLength(16)),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars(TRICKY_CHARS).ofMinLength(1).ofMaxLength(24)),
                Tuple.of(3, Arbitraries.of(EDGE_STRINGS)),
                Tuple.of(1, Combinators.combine(Arbitraries.of("x", "\u00E9", "\uD83D\uDE00", "\u202E", "%", "\u0000"),
                        Arbitraries.of(1_000, 70_000)).as(String::repeat)));
    }

    static String quoted(String value) {
        return "\"" + jsonEscape(value) + "\"";
    }

    /** @return {@code value} escaped for a JSON string (control characters as {@code \\u}, lone surrogates kept) */
    static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
