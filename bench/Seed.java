import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds the token benchmark (bench/run): one company and {@code count} CUSTOM service accounts created through the
 * command API as the operator, {@code threads} at a time. JDK only: {@code java bench/Seed.java <commandUrl>
 * <queryUrl> <operatorId> <operatorSecret> <count> <threads> <outFile>}.
 *
 * <p>Writes {@code outFile} (owner-only), one line per account, tab-separated: the {@code Authorization} header value
 * of {@code client_secret_basic} ({@code Basic base64(urlencode(id):urlencode(secret))}, RFC 6749 §2.3.1) and the
 * form body of {@code client_secret_post}; bench/token.lua reads it. Checks one token per method before it returns.
 */
public final class Seed {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: java Seed.java <commandUrl> <queryUrl> <operatorId> <operatorSecret> <count> <threads> <outFile>");
            System.exit(2);
        }
        String commandUrl = args[0];
        String queryUrl = args[1];
        int count = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        String operator = field(expect(token(queryUrl, "Basic " + basic(args[2], args[3]), "grant_type=client_credentials"),
                200), "access_token");
        String companyId = field(expect(post(commandUrl + "/api/v1/companies", operator,
                "{\"name\":\"Token bench\"}"), 201), "companyId");
        String accountsUrl = commandUrl + "/api/v1/companies/" + companyId + "/service-accounts";
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> lines = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String name = "bench " + i;
                lines.add(pool.submit(() -> {
                    HttpResponse<String> created = expect(post(accountsUrl, operator,
                            "{\"name\":\"" + name + "\",\"appType\":\"CUSTOM\"}"), 201);
                    String id = field(created, "clientId");
                    String secret = field(created, "clientSecret");
                    return "Basic " + basic(id, secret) + "\tgrant_type=client_credentials&client_id=" + form(id)
                            + "&client_secret=" + form(secret);
                }));
            }
            StringBuilder file = new StringBuilder();
            for (Future<String> line : lines) {
                file.append(line.get()).append('\n');
            }
            Files.deleteIfExists(out);
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(out, file);
        } finally {
            pool.shutdown();
        }
        System.err.printf("seeded %d accounts in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        String[] first = Files.readAllLines(out).get(0).split("\t");
        expect(token(queryUrl, first[0], "grant_type=client_credentials"), 200);
        expect(token(queryUrl, null, first[1]), 200);
    }

    private static String basic(String id, String secret) {
        return Base64.getEncoder().encodeToString((form(id) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> token(String queryUrl, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(queryUrl + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static HttpResponse<String> post(String url, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static String field(HttpResponse<String> response, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in the answer to " + response.uri().getPath());
        }
        return matcher.group(1);
    }
}
