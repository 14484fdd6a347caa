package dev.serviceaccounts.standalone.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} refuses to send: header names and values
 * with control or non-ASCII bytes, a path with invalid percent-encoding, a broken chunked body, a wrong
 * {@code Content-Length}, any method name. The request bytes go out as given; the answer is read by its
 * {@code Content-Length} or chunks, or to the end of the connection.
 */
final class RawHttp {

    /** How long a read may wait: a server that neither answers nor closes within this is reported as a hang. */
    static final int READ_TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /**
     * Sends {@code request} (all of it: request line, headers and body) to the server of {@code baseUrl}, closes the
     * sending half, and reads the answer.
     *
     * @param description what the request is, for the report
     * @return the exchange; status 0 when the server closed the connection without an answer, or answered the HTTP/0.9
     *         way (the body alone) a request line without a version
     * @throws AssertionError when the server neither answers nor closes within {@link #READ_TIMEOUT_MILLIS}
     */
    static Exchange send(String baseUrl, String description, String method, String path, byte[] request) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (SocketException e) {
                // the server closed while we were still sending (it had seen enough): read what it said
            }
            return read(socket.getInputStream(), description, method, path);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + READ_TIMEOUT_MILLIS + " ms and the connection still open: "
                    + description, e);
        } catch (IOException e) {
            throw new UncheckedIOException(description, e);
        }
    }

    private static Exchange read(InputStream in, String description, String method, String path) throws IOException {
        byte[] head;
        try {
            head = readHead(in);
        } catch (SocketException e) {
            return new Exchange(description, method, path, 0, Map.of(), new byte[0]);
        }
        if (head.length == 0) {
            return new Exchange(description, method, path, 0, Map.of(), new byte[0]);
        }
        if (!new String(head, StandardCharsets.ISO_8859_1).startsWith("HTTP/")) {
            // an HTTP/0.9 answer to a request line without a version: the body alone, no status, no headers
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(head);
            body.writeBytes(readToEnd(in));
            return new Exchange(description, method, path, 0, Map.of(), body.toByteArray());
        }
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        while (status >= 100 && status < 200) {
            // an interim answer (100 Continue to an Expect): the final one follows
            head = readHead(in);
            if (head.length == 0) {
                return new Exchange(description, method, path, 0, Map.of(), new byte[0]);
            }
            lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        List<String> length = headers.getOrDefault("content-length", List.of());
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new byte[0];
        } else if (!encoding.isEmpty() && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (!length.isEmpty()) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else {
            body = readToEnd(in);
        }
        return new Exchange(description, method, path, status, headers, body);
    }

    /** @return the status line and headers, without the blank line; empty when the connection closed first */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                byte[] bytes = head.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - 4);
            }
        }
        return head.toByteArray();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                return body.toByteArray();
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (true) {
                    String trailer = readLine(in);
                    if (trailer == null || trailer.isEmpty()) {
                        return body.toByteArray();
                    }
                }
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0];
        }
    }
}
