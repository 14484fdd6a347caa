package dev.serviceaccounts.standalone.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One request of the fuzz, before it is sent: method, path and query as they go on the wire (already
 * percent-encoded, possibly wrongly), headers, body bytes, and what the checks need to know about it.
 *
 * @param side        the app it goes to
 * @param method      the method, any token or not
 * @param path        the raw path
 * @param query       the raw query, without {@code ?}; null for none
 * @param headers     the headers, in order, repeats allowed
 * @param body        the body; null for none
 * @param endpoint    the endpoint the path was made from; null for a path no endpoint serves
 * @param secrets     client secrets the request carries that no answer may repeat
 * @param expectation what a well-formed request of a known client must get
 */
record FuzzRequest(Endpoints.Side side, String method, String path, String query, List<Map.Entry<String, String>> headers,
                   byte[] body, Endpoints.Endpoint endpoint, Set<String> secrets, Expectation expectation) {

    /** What a request built to be well-formed must be answered. */
    enum Expectation {
        /** Nothing beyond the common rules. */
        ANY,
        /** RFC 7009 §2.2: an authenticated client's well-formed revocation is 200, whatever the token. */
        REVOKED_200,
        /** RFC 7662 §2.2: an authenticated client's well-formed introspection is 200 with {@code active}. */
        INTROSPECTED_200
    }

    /** @return the path with the query, as in the request line */
    String target() {
        return query == null ? path : path + "?" + query;
    }

    /** @return the request printable (control characters escaped, the body cut to 300 characters) */
    @Override
    public String toString() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return side + " " + escape(method) + " " + escape(target()) + " "
                + headers.stream().map(header -> escape(header.getKey()) + ": " + cut(escape(header.getValue()), 200))
                .collect(Collectors.joining(", ", "[", "]"))
                + (body == null ? "" : " body(" + body.length + " bytes)=" + cut(escape(text), 300));
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    /** @return {@code text} with control, format and surrogate characters as {@code \\uXXXX} */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT
                    || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
