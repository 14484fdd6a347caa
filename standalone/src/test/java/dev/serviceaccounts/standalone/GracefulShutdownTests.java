package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code server.shutdown: graceful} on both apps (README "Operations"): a request in flight when the app is asked to
 * stop is still answered, while new connections are refused from that moment. The request is held in flight by
 * sending its head and half of its body, asking the app to stop, then sending the rest.
 */
class GracefulShutdownTests {

    @Test
    void whenAskedToStopDuringARequestThenItCompletesAndNewConnectionsAreRefused() throws Exception {
        try (TestSystem system = TestSystem.start(TestSystem.newDataDirectory())) {
            String operator = system.api().operatorToken();

            String created = whileStopping(system.apps().commandSide(), system.commandUrl(),
                    "POST /api/v1/companies HTTP/1.1\r\nAuthorization: Bearer " + operator
                            + "\r\nContent-Type: application/json\r\n", "{\"name\":\"Gra", "ceful Co\"}");
            assertThat(created).startsWith("HTTP/1.1 201").contains("\"companyId\":\"");

            String token = whileStopping(system.apps().querySide(), system.queryUrl(),
                    "POST /oauth/token HTTP/1.1\r\nAuthorization: "
                            + Api.basic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET)
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                    "grant_type=client_", "credentials");
            assertThat(token).startsWith("HTTP/1.1 200").contains("\"access_token\":\"");
        }
    }

    /**
     * Sends {@code head} and {@code bodyStart}, asks {@code app} to stop, waits until a new connection is refused,
     * then sends {@code bodyRest}.
     *
     * @return the whole answer to the request
     */
    private static String whileStopping(ConfigurableApplicationContext app, String url, String head,
                                        String bodyStart, String bodyRest) throws Exception {
        int port = URI.create(url).getPort();
        byte[] start = bodyStart.getBytes(StandardCharsets.UTF_8);
        byte[] rest = bodyRest.getBytes(StandardCharsets.UTF_8);
        try (Socket request = new Socket("localhost", port)) {
            request.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = request.getOutputStream();
            out.write((head + "Host: localhost:" + port + "\r\nContent-Length: " + (start.length + rest.length)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(start);
            out.flush();
            Thread.sleep(500);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
            awaitRefused(port);
            assertThat(stopping).as("the stop waits for the request in flight").isNotDone();

            out.write(rest);
            out.flush();
            String answer = readAll(request.getInputStream());
            stopping.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(ConnectException.class);
            return answer;
        }
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("localhost", port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("new connections were still accepted on port " + port);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer);
        return answer.toString(StandardCharsets.UTF_8);
    }
}
