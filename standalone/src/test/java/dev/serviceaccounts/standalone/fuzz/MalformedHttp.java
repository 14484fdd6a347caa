package dev.serviceaccounts.standalone.fuzz;

import dev.serviceaccounts.standalone.fuzz.Endpoints.Endpoint;
import dev.serviceaccounts.standalone.fuzz.Endpoints.Format;
import dev.serviceaccounts.standalone.fuzz.Endpoints.Side;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Requests that are not valid HTTP/1.1, or that {@link java.net.http.HttpClient} will not send, as raw bytes to
 * every endpoint: invalid percent-encoding and raw bytes in the path, malformed header names and values, wrong
 * {@code Content-Length}, broken chunked bodies, odd request lines, a missing or repeated {@code Host}, oversized
 * lines, and {@code Expect}. Each is otherwise a plausible request of a valid caller (so that it would reach the
 * endpoint if the server let it through).
 *
 * @see BadInputFuzzTests#whenMalformedHttpThenRefusedInTheApisFormatOrClosed
 */
final class MalformedHttp {

    /** One raw request: what it is, where it goes, its bytes, and whether it is valid HTTP after all. */
    record Case(String description, Side side, String method, String path, byte[] bytes, boolean validHttp) {
    }

    private static final List<String> BAD_ESCAPES = List.of("%zz", "%", "%g0", "%C3%28", "%ED%A0%80", "%FF", "%00",
            "%2F", "%5C", "%C0%AF", "%%", "%u0041", "%E2%82", "%0A", "%0D%0AX-Injected:%201", "%2e%2e", "%252F");
    private static final List<String> RAW_PATH_BYTES = List.of("\u0000", "\u0001", "\u007F", " ", "\"", "<", "\\", "^",
            "`", "{", "|", "}", "\u00E9", "\u202E", "#", "\t", "\u0080", "\uD83D\uDE00");
    private static final List<String> BAD_HEADER_LINES = List.of("X Bad: 1", "X\u0000: 1", ": empty-name", "Bad\u00E9: 1",
            "(x): 1", "NoColon", " folded-continuation", "X-A: 1\r\n\tfolded", "X-Ctl: a\u0001b", "X-Nul: a\u0000b",
            "X-Del: a\u007Fb", "X-Latin: caf\u00E9", "X-Bidi: \u202Egnp", "X-CR: a\rb", "X-Long: " + "a".repeat(20_000),
            "Content-Type: application/json\u0000", "Authorization: Bearer \u00E9t\u00E9", "Accept: \u0000",
            "X-Request-Id: " + "\u202E".repeat(10), "Cookie: " + "c=1; ".repeat(3000));
    private static final List<String> REQUEST_LINES = List.of("%s", "%s %s", "%s %s HTTP/1.2", "%s %s HTTP/2.0",
            "%s %s HTTP/1.1 extra", "%s  %s HTTP/1.1", "%s\t%s\tHTTP/1.1", "%s http://other.example%s HTTP/1.1",
            "%s %s HTTP/1.0", "%s %s http/1.1", "%s %s HTTP/1.1\u0000", "\r\n\r\n%s %s HTTP/1.1",
            "%s %s?" + "q=".repeat(8000) + " HTTP/1.1", "%s /%s HTTP/1.1");
    private static final List<String> METHODS = List.of("get", "G\u00C9T", "FOO", "CONNECT", "TRACE", "GET\u0000", "",
            "X".repeat(9000), "PRI", "OPTIONS");

    private final FuzzTarget target;

    MalformedHttp(FuzzTarget target) {
        this.target = target;
    }

    /** @return a malformed request to an endpoint of either app */
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(Endpoints.ALL), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 10_000), Arbitraries.of(true, false))
                .as(this::build);
    }

    private Case build(Endpoint endpoint, int kind, int variant, boolean authenticated) {
        String method = endpoint.method().equals("*") ? "GET" : endpoint.method();
        String path = concretePath(endpoint);
        // the operator's rebuild of the lookup tables would really run (Tomcat lets some odd request lines through)
        boolean operator = authenticated && !endpoint.pattern().equals(Endpoints.LOOKUP_TABLES_REBUILD);
        String authorization = !operator ? null : endpoint.format() == Format.OAUTH
                ? Api.basic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET) : "Bearer " + target.operatorToken;
        String body = endpoint.format() == Format.OAUTH ? "grant_type=client_credentials"
                : method.equals("GET") || method.equals("DELETE") ? null : "{}";
        String contentType = endpoint.format() == Format.OAUTH ? "application/x-www-form-urlencoded" : "application/json";
        String host = "Host: localhost";
        String line = method + " " + path + " HTTP/1.1";
        String extra = "";
        String framing = body == null ? "" : "Content-Type: " + contentType + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String what;
        boolean valid = false;
        switch (kind) {
            case 0 -> {
                String escape = BAD_ESCAPES.get(variant % BAD_ESCAPES.size());
                String bad = variant % 2 == 0 ? path + "/" + escape : path.replaceFirst("/[^/]*$", "/" + escape);
                line = method + " " + bad + " HTTP/1.1";
                path = bad;
                what = "invalid percent-encoding in the path";
            }
            case 1 -> {
                String raw = RAW_PATH_BYTES.get(variant % RAW_PATH_BYTES.size());
                String bad = path + (variant % 2 == 0 ? "/" : "") + "a" + raw + "b";
                line = method + " " + bad + " HTTP/1.1";
                path = bad;
                what = "a raw byte in the path";
            }
            case 2 -> {
                extra = BAD_HEADER_LINES.get(variant % BAD_HEADER_LINES.size()) + "\r\n";
                what = "a malformed header line";
            }
            case 3 -> {
                String[] lengths = {"abc", "-1", "1, 2", "99999999999999999999", "+2", " 2", "0x2", "2\r\nContent-Length: 5",
                        "1000", "0"};
                payload = "{}".getBytes(StandardCharsets.UTF_8);
                framing = "Content-Type: " + contentType + "\r\nContent-Length: " + lengths[variant % lengths.length]
                        + "\r\n";
                what = "a wrong Content-Length";
            }
            case 4 -> {
                String[] chunked = {"zz\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n",
                        "2\r\n{}\r\n", "1\r\n{}\r\n0\r\n\r\n", "2;a=" + "x".repeat(10_000) + "\r\n{}\r\n0\r\n\r\n",
                        "2\r\n{}0\r\n\r\n", "0x2\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n0\r\nBad Trailer\r\n\r\n",
                        "2\n{}\n0\n\n", "2\r\n{}\r\n0\r\n\r\n"};
                String[] encodings = {"chunked", "chunked", "chunked", "chunked", "chunked", "chunked", "chunked",
                        "chunked", "chunked", "chunked", "gzip, chunked", "chunked, chunked", "xchunked", "identity",
                        "chunked\r\nContent-Length: 2"};
                String encoding = encodings[variant % encodings.length];
                payload = chunked[variant % chunked.length].getBytes(StandardCharsets.UTF_8);
                framing = "Content-Type: " + contentType + "\r\nTransfer-Encoding: " + encoding + "\r\n";
                what = "a broken chunked body (" + encoding + ")";
            }
            case 5 -> {
                String shape = REQUEST_LINES.get(variant % REQUEST_LINES.size());
                line = String.format(shape, method, path);
                path = shape.equals("%s /%s HTTP/1.1") ? "/" + path : path;
                what = "an odd request line";
                valid = shape.equals("%s %s HTTP/1.0");
            }
            case 6 -> {
                String odd = METHODS.get(variant % METHODS.size());
                line = odd + " " + path + " HTTP/1.1";
                method = odd;
                what = "an odd method";
                valid = !odd.contains("\u0000") && !odd.isEmpty() && odd.chars().allMatch(c -> c > 32 && c < 127);
            }
            case 7 -> {
                String[] hosts = {"", "Host: localhost\r\nHost: other", "Host: a b", "Host: ", "Host: localhost:99999",
                        "Host: \u00E9xample", "Host: [::1", "Host: localhost\u0000"};
                host = hosts[variant % hosts.length];
                what = "a missing, repeated or malformed Host";
            }
            case 8 -> {
                String[] expect = {"Expect: 100-continue", "Expect: garbage", "Expect: 100-continue, x"};
                extra = expect[variant % expect.length] + "\r\n";
                what = "an Expect header";
                valid = variant % expect.length == 0;
            }
            default -> {
                extra = ("X-H: " + "v".repeat(50) + "\r\n").repeat(200 + variant % 300);
                what = "hundreds of headers";
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(line).append("\r\n");
        if (!host.isEmpty()) {
            head.append(host).append("\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append(framing).append(extra).append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        String description = what + ": " + FuzzRequest.escape(cut(head.toString(), 400)) + FuzzRequest.escape(
                cut(new String(payload, StandardCharsets.UTF_8), 100));
        return new Case(description, endpoint.side(), method, path, out.toByteArray(), valid);
    }

    private String concretePath(Endpoint endpoint) {
        return endpoint.pattern()
                .replace("{companyId}", target.companyA.id())
                .replace("{serviceAccountId}", target.accountIds.get(1))
                .replace("{id}", target.accountIds.get(1))
                .replace("{contactId}", target.contactIds.get(1))
                .replace("{tool}", "DOCUMENTS")
                .replace("{projectId}", "p1")
                .replace("{name}", "no-such-processor")
                .replace("{requiredMetricName}", "jvm.memory.used")
                .replace("**", "liveness");
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
