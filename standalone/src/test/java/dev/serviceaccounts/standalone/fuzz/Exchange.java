package dev.serviceaccounts.standalone.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fuzz sent and what came back: the request as a short description (for the failure report, the
 * body cut to a few hundred characters), and the response's status ({@code 0}: the server closed the connection
 * without an answer), headers (names in lower case) and body bytes.
 *
 * @param request   what was sent, printable
 * @param method    the request's method
 * @param path      the request's path as sent (raw, without the query)
 * @param status    the response status, or 0 when none came
 * @param headers   response headers, names lower case, values in order
 * @param body      the response body, de-chunked
 */
record Exchange(String request, String method, String path, int status, Map<String, List<String>> headers,
                byte[] body) {

    /** @return the first value of the header {@code name}, if sent */
    Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the body as UTF-8 text (malformed bytes replaced) */
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the response, printable, body cut to 600 characters */
    String response() {
        String text = text();
        return status + " " + headers + " " + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
    }

    @Override
    public String toString() {
        return request + "\n  -> " + response();
    }
}
