package dev.serviceaccounts.standalone.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a {@link FuzzRequest}: with the JDK's {@link HttpClient} (HTTP/1.1) when it accepts the request, else as raw
 * bytes over a socket ({@link RawHttp}), for what it refuses (a method, URI, header name or value that is not valid
 * HTTP, or a header it keeps to itself).
 */
final class FuzzClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private FuzzClient() {
    }

    /** @return the exchange; a request that got no answer at all fails the property with an AssertionError */
    static Exchange send(String baseUrl, FuzzRequest request) {
        HttpRequest built;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.target()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (Map.Entry<String, String> header : request.headers()) {
                builder.header(header.getKey(), header.getValue());
            }
            built = builder.build();
        } catch (IllegalArgumentException e) {
            return RawHttp.send(baseUrl, request + " (sent raw: HttpClient refused "
                    + FuzzRequest.escape(e.getMessage().length() > 80 ? e.getMessage().substring(0, 80) : e.getMessage())
                    + ")", request.method(), request.path(),
                    raw(baseUrl, request));
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    new ArrayList<>(values)));
            return new Exchange(request.toString(), request.method(), request.path(), response.statusCode(), headers,
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("no answer (" + e + "): " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the request as HTTP/1.1 bytes: header values in UTF-8, a Content-Length for the body, then it */
    static byte[] raw(String baseUrl, FuzzRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(URI.create(baseUrl).getAuthority()).append("\r\n");
        for (Map.Entry<String, String> header : request.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            out.writeBytes(request.body());
        }
        return out.toByteArray();
    }
}
