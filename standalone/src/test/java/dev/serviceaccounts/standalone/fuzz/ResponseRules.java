package dev.serviceaccounts.standalone.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.error.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every answer of either app must be, whatever was sent (docs/decisions.md D46):
 * <ul>
 *   <li>never a 5xx (but the container's 501 for a transfer coding and 505 for an HTTP version it does not implement,
 *       RFC 9112 §6.1, RFC 9110 §15.6.6, code {@code MALFORMED_REQUEST}), and an answer at all (a request the server could not parse may be closed unanswered only when
 *       it was not valid HTTP);</li>
 *   <li>no stack trace, exception class or Java package name in a body or header (the operator's metrics aside,
 *       whose {@code exception} tag names classes by design);</li>
 *   <li>no client secret: none handed out before (the answer that hands out a new one aside), none the request
 *       carried, no stored hash;</li>
 *   <li>errors in the endpoint's own format: RFC 9457 {@code application/problem+json} in the project's vocabulary
 *       on the admin and query APIs, metadata, actuator and unknown paths, with a {@code Bearer} challenge on a 401
 *       (RFC 6750 §3); RFC 6749 §5.2 JSON on the token, introspection and revocation endpoints (registered
 *       {@code error} codes, descriptions in the §5.2 character set), with {@code Cache-Control: no-store} on every
 *       answer there, a {@code Basic} challenge on a 401, {@code Allow} on a 405, {@code Retry-After} on a 429;</li>
 *   <li>RFC 7009 §2.2: an authenticated, well-formed revocation is 200 with no body, whatever the token; RFC 7662
 *       §2.2: an introspection is 200 with a boolean {@code active}, and an inactive answer says nothing else;</li>
 *   <li>a body has a {@code Content-Type}; a 405 has an {@code Allow} header (RFC 9110 §15.5.6).</li>
 * </ul>
 */
final class ResponseRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERNALS = Pattern.compile("(?i)(exception|\\bat [a-z_$][\\w$]*(\\.[\\w$<>]+)+\\("
            + "|\\b(java|javax|jakarta|sun|org\\.springframework|org\\.apache|com\\.fasterxml|org\\.axonframework"
            + "|org\\.bson|com\\.mongodb|de\\.bwaldvogel|dev\\.serviceaccounts|com\\.nimbusds)\\.[a-z]"
            + "|\\.java:\\d+|stacktrace|caused by)");
    /** RFC 6749 §5.2 codes, and RFC 7009 §2.2.1's {@code unsupported_token_type}. */
    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "temporarily_unavailable",
            "unsupported_token_type");
    /** RFC 6749 §5.2: {@code error} and {@code error_description} are %x20-21 / %x23-5B / %x5D-7E. */
    private static final Pattern OAUTH_TEXT = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*");
    private static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final java.util.Map<String, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    private ResponseRules() {
    }

    /**
     * @param secrets every client secret handed out before this request
     * @return the client secret this answer hands out (a 2xx with {@code clientSecret}), or null
     * @throws AssertionError naming the rule broken, the request and the answer
     */
    static String check(FuzzRequest request, Exchange exchange, Set<String> secrets) {
        return check(request, exchange, secrets, parsableRequestLine(request.method() + " " + request.target() + " HTTP/1.1"),
                false);
    }

    /**
     * @param parsable whether Tomcat's HTTP parser can read the request line: when it cannot, it answers a bare 400
     *                 (no body, the connection closed) before any valve, filter or error page, which is accepted
     * @param framing  whether the request is malformed HTTP: a client endpoint's refusal of it may be problem+json
     *                 (the error page after Tomcat failed to read the body; D46, left)
     */
    static String check(FuzzRequest request, Exchange exchange, Set<String> secrets, boolean parsable,
                        boolean framing) {
        List<String> broken = new ArrayList<>();
        int status = exchange.status();
        if (!parsable && (status == 400 || status == 501) && exchange.body().length == 0
                && exchange.header("Content-Type").isEmpty()) {
            return null;
        }
        if (status >= 500 && status != 501 && status != 505) {
            broken.add("a 5xx");
        }
        String text = exchange.text();
        String headers = exchange.headers().toString();
        boolean operatorMetrics = status < 300 && (exchange.path().startsWith("/actuator/metrics")
                || exchange.path().startsWith("/actuator/prometheus"));
        if (!operatorMetrics && (INTERNALS.matcher(text).find() || INTERNALS.matcher(headers).find())) {
            broken.add("internals (a stack trace, an exception or a package name) in the answer");
        }
        String handedOut = handedOut(exchange);
        for (String secret : secrets) {
            if (!secret.equals(handedOut) && (text.contains(secret) || headers.contains(secret))) {
                broken.add("a client secret handed out before in the answer");
            }
        }
        for (String secret : request.secrets()) {
            if (text.contains(secret) || headers.contains(secret)) {
                broken.add("the client secret the request carried, in the answer");
            }
        }
        if (text.contains("{sa-sha256}") || secrets.stream().map(ResponseRules::hash).anyMatch(text::contains)) {
            broken.add("a stored secret hash in the answer");
        }
        if (status != 0 && exchange.body().length > 0 && exchange.header("Content-Type").isEmpty()) {
            broken.add("a body without a Content-Type");
        }
        if (status == 405 && exchange.header("Allow").isEmpty()) {
            broken.add("a 405 without Allow");
        }
        // TRACE is refused by Tomcat before any filter, then by the firewall on the error page: problem+json (D46, left)
        boolean clientEndpoint = request.side() == Endpoints.Side.QUERY && !"TRACE".equals(exchange.method())
                && Endpoints.CLIENT_ENDPOINT_PATHS.contains(exchange.path());
        if (status >= 400) {
            boolean problemJson = exchange.header("Content-Type").orElse("").startsWith("application/problem+json");
            boolean refusedTraceOfClientEndpoint = "TRACE".equals(exchange.method())
                    && request.side() == Endpoints.Side.QUERY && Endpoints.CLIENT_ENDPOINT_PATHS.contains(exchange.path());
            if (clientEndpoint && !(framing && problemJson)) {
                oauthError(exchange, broken);
            } else if (refusedTraceOfClientEndpoint && !problemJson) {
                // a TRACE whose headers Tomcat refuses first gets the valve's RFC 6749 answer, the endpoint's own
                oauthError(exchange, broken);
            } else {
                problem(exchange, broken);
            }
        }
        if (clientEndpoint && status != 0) {
            clientEndpoint(request, exchange, broken);
        }
        if (!broken.isEmpty()) {
            throw new AssertionError(String.join("; ", broken) + "\n  request: " + exchange.request()
                    + "\n  answer: " + exchange.response());
        }
        return handedOut;
    }

    private static String handedOut(Exchange exchange) {
        if (exchange.status() < 200 || exchange.status() >= 300 || !exchange.text().contains("clientSecret")) {
            return null;
        }
        JsonNode body = json(exchange);
        return body != null && body.path("clientSecret").isTextual() ? body.get("clientSecret").asText() : null;
    }

    private static void problem(Exchange exchange, List<String> broken) {
        if (exchange.method().equals("HEAD")) {
            // no body, so no Content-Type is owed (RFC 9110 §9.3.2: a HEAD answer may leave out the body's headers)
            return;
        }
        String type = exchange.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            broken.add("an error that is not application/problem+json");
            return;
        }
        if (exchange.method().equals("HEAD")) {
            return;
        }
        JsonNode problem = json(exchange);
        if (problem == null || !problem.isObject()) {
            broken.add("a problem body that is not a JSON object");
            return;
        }
        String code = problem.path("code").asText("");
        if (problem.path("status").asInt() != exchange.status()) {
            broken.add("a problem whose status is not the answer's");
        }
        if (!ERROR_CODES.contains(code)) {
            broken.add("a problem without a code of ours");
        } else if (code.equals(ErrorCode.INTERNAL_ERROR.name()) != (exchange.status() == 500)) {
            broken.add("a problem whose code says internal error while the status does not, or the reverse");
        } else if (!problem.path("type").asText().equals(ErrorCode.valueOf(code).problemType())) {
            broken.add("a problem whose type is not its code's");
        }
        if (problem.path("title").asText("").isBlank() || problem.path("detail").asText("").isBlank()) {
            broken.add("a problem without title or detail");
        }
        if (exchange.status() == 401 && !exchange.header("WWW-Authenticate").orElse("").startsWith("Bearer")) {
            broken.add("a 401 without a Bearer challenge (RFC 6750 §3)");
        }
    }

    private static void oauthError(Exchange exchange, List<String> broken) {
        String type = exchange.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            broken.add("a client endpoint's error that is not application/json (RFC 6749 §5.2)");
            return;
        }
        if (exchange.method().equals("HEAD")) {
            return;
        }
        JsonNode error = json(exchange);
        if (error == null || !error.isObject() || !error.path("error").isTextual()) {
            broken.add("a client endpoint's error without error (RFC 6749 §5.2)");
            return;
        }
        if (!OAUTH_ERRORS.contains(error.get("error").asText())) {
            broken.add("an error code RFC 6749 §5.2 does not register");
        }
        if (error.has("error_description") && (!error.get("error_description").isTextual()
                || !OAUTH_TEXT.matcher(error.get("error_description").asText()).matches())) {
            broken.add("an error_description outside RFC 6749 §5.2's characters");
        }
        if (exchange.status() == 401 && !exchange.header("WWW-Authenticate").orElse("").startsWith("Basic")) {
            broken.add("a 401 of a client endpoint without a Basic challenge (RFC 6749 §5.2)");
        }
        if (exchange.status() == 429 && exchange.header("Retry-After").isEmpty()) {
            broken.add("a 429 without Retry-After");
        }
    }

    private static void clientEndpoint(FuzzRequest request, Exchange exchange, List<String> broken) {
        if (!exchange.header("Cache-Control").orElse("").contains("no-store")) {
            broken.add("a client endpoint's answer without Cache-Control: no-store (RFC 6749 §5.1, RFC 7662 §2.2)");
        }
        switch (request.expectation()) {
            case REVOKED_200 -> {
                if (exchange.status() != 200 || exchange.body().length > 0) {
                    broken.add("an authenticated client's well-formed revocation not answered 200 with no body (RFC 7009 §2.2)");
                }
            }
            case INTROSPECTED_200 -> {
                JsonNode body = json(exchange);
                if (exchange.status() != 200 || body == null || !body.path("active").isBoolean()) {
                    broken.add("an authenticated client's introspection not answered 200 with active (RFC 7662 §2.2)");
                } else if (!body.get("active").asBoolean() && body.size() != 1) {
                    broken.add("an inactive introspection that says more than active (RFC 7662 §2.2)");
                }
            }
            default -> {
            }
        }
        if (exchange.status() == 200 && exchange.path().equals("/oauth/introspect")) {
            JsonNode body = json(exchange);
            if (body == null || !body.path("active").isBoolean()) {
                broken.add("an introspection answer without a boolean active (RFC 7662 §2.2)");
            }
        }
    }

    /**
     * @return whether Tomcat 10.1's request-line parser accepts {@code line}: a token method but CONNECT (a bare 501),
     *         a target of visible
     *         ASCII without {@code "#<>[\\]^`{|}}, an HTTP/1.x version, and the line within the 8 KiB header limit
     */
    static boolean parsableRequestLine(String line) {
        String[] parts = line.split(" ", -1);
        return line.length() < 8000 && parts.length == 3 && !parts[0].equals("CONNECT")
                && parts[0].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                && parts[1].chars().allMatch(c -> c > 32 && c < 127 && "\"#<>[\\]^`{|}".indexOf(c) < 0)
                && parts[2].matches("HTTP/1\\.[01]");
    }

    /** @return the stored form of {@code secret} without its prefix: base64url(SHA-256(UTF-8)) */
    private static String hash(String secret) {
        return HASHES.computeIfAbsent(secret, value -> {
            try {
                return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        java.security.MessageDigest.getInstance("SHA-256").digest(
                                value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static JsonNode json(Exchange exchange) {
        try {
            return JSON.readTree(exchange.body());
        } catch (IOException e) {
            return null;
        }
    }
}
