import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit history benchmark's client (bench/history), JDK only: the operator's token, then {@code pages} requests
 * of one page of an account's history ({@code GET .../service-accounts/{id}/history?limit=100}, an account picked at
 * random from {@code accountsFile}) from {@code clients} threads after {@code warmup} such requests, then one NDJSON
 * export of the first company's whole history ({@code GET .../audit/events.ndjson}), read line by line.
 *
 * <pre>
 * java bench/History.java &lt;queryUrl&gt; &lt;operatorId&gt; &lt;operatorSecret&gt; &lt;accountsFile&gt; &lt;warmup&gt; &lt;pages&gt; &lt;clients&gt; [export]
 * </pre>
 *
 * Prints {@code name value unit} lines: {@code history.page_p50_ms}, {@code history.page_p99_ms},
 * {@code history.page_max_ms}, {@code history.pages_per_s}, {@code history.page_items} (entries per page, mean),
 * {@code history.page_errors}; with {@code export}: {@code history.export_lines}, {@code history.export_s},
 * {@code history.export_lines_per_s}, {@code history.export_mib_per_s}. Before the export it prints
 * {@code EXPORT START} and after it {@code EXPORT END} on standard error, for a heap sampler to bracket it.
 */
public final class History {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ITEM = Pattern.compile("\"eventId\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = token(http, base, args[1], args[2]);
        List<String[]> accounts = Files.readAllLines(Path.of(args[3])).stream().filter(line -> !line.isBlank())
                .map(line -> line.trim().split(" ")).toList();
        int warmup = Integer.parseInt(args[4]);
        int pages = Integer.parseInt(args[5]);
        int clients = Integer.parseInt(args[6]);
        run(http, base, token, accounts, warmup, clients, null, new AtomicLong(), new AtomicInteger());
        long[] latencies = new long[pages];
        AtomicLong items = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        run(http, base, token, accounts, pages, clients, latencies, items, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        print("history.page_p50_ms", latencies[(int) (pages * 0.50)] / 1e6, "ms");
        print("history.page_p99_ms", latencies[Math.min(pages - 1, (int) Math.ceil(pages * 0.99) - 1)] / 1e6, "ms");
        print("history.page_max_ms", latencies[pages - 1] / 1e6, "ms");
        print("history.pages_per_s", pages / seconds, "pages/s");
        print("history.page_items", (double) items.get() / pages, "entries");
        print("history.page_errors", errors.get(), "count");
        if (args.length > 7 && args[7].equals("export")) {
            export(http, base, token, accounts.get(0)[0]);
        }
    }

    /** {@code count} page requests from {@code clients} threads; latencies (ns) into {@code latencies} when given. */
    private static void run(HttpClient http, String base, String token, List<String[]> accounts, int count,
                            int clients, long[] latencies, AtomicLong items, AtomicInteger errors) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String[] account = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/companies/" + account[0]
                                    + "/service-accounts/" + account[1] + "/history?limit=100"))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        if (latencies != null) {
                            latencies[i] = took;
                        }
                        if (answer.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        Matcher found = ITEM.matcher(answer.body());
                        long n = 0;
                        while (found.find()) {
                            n++;
                        }
                        items.addAndGet(n);
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                        if (latencies != null) {
                            latencies[i] = System.nanoTime() - t0;
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void export(HttpClient http, String base, String token, String company) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/companies/" + company
                        + "/audit/events.ndjson"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/x-ndjson").build();
        System.err.println("EXPORT START");
        long start = System.nanoTime();
        HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (InputStream body = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = body.read(buffer)) > 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.println("EXPORT END");
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("export answered " + answer.statusCode());
        }
        print("history.export_lines", lines, "lines");
        print("history.export_s", seconds, "s");
        print("history.export_lines_per_s", lines / seconds, "lines/s");
        print("history.export_mib_per_s", bytes / seconds / 1048576.0, "MiB/s");
    }

    private static String token(HttpClient http, String base, String id, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher found = TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !found.find()) {
            throw new IllegalStateException("no operator token: " + answer.statusCode() + " " + answer.body());
        }
        return found.group(1);
    }

    private static void print(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "%s %.3f %s%n", name, value, unit);
    }
}
