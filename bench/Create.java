import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Create throughput benchmark (docs/design.md §8: at least 500 service accounts created per second over HTTP).
 * Run by {@code bench/create}, which starts the system; JDK only: {@code java bench/Create.java <queryUrl>
 * <commandUrl> <operatorId> <operatorSecret> [seconds] [clients] [warmupSeconds] [maxAccounts]}.
 *
 * <p>As the operator, it creates one company, then {@code clients} clients each send {@code POST
 * /api/v1/companies/{companyId}/service-accounts} back to back (keep-alive) for {@code warmupSeconds}
 * (not counted), then for {@code seconds} or until {@code maxAccounts} tries. Each 201 is one account; any
 * other answer or an I/O failure is an error. Prints a table, then one line per figure: {@code name value unit}.
 */
public final class Create {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java Create.java <queryUrl> <commandUrl> <operatorId> <operatorSecret>"
                    + " [seconds] [clients] [warmupSeconds]");
            System.exit(2);
        }
        String queryUrl = args[0];
        String commandUrl = args[1];
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        int max = args.length > 7 ? Integer.parseInt(args[7]) : Integer.MAX_VALUE;
        String operator = field(expect(token(queryUrl, args[2], args[3]), 200), "access_token");
        String companyId = field(expect(post(commandUrl + "/api/v1/companies", operator,
                "{\"name\":\"Create bench\"}"), 201), "companyId");
        String url = commandUrl + "/api/v1/companies/" + companyId + "/service-accounts";

        if (warmup > 0) {
            run(url, operator, clients, warmup, Integer.MAX_VALUE, new ArrayList<>(), new AtomicInteger());
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        double cpuBefore = metric(commandUrl, operator, "process.cpu.time", "COUNT");
        double commandTripsBefore = metric(commandUrl, operator, "mongodb.driver.commands", "COUNT");
        double queryTripsBefore = metric(queryUrl, operator, "mongodb.driver.commands", "COUNT");
        long start = System.nanoTime();
        run(url, operator, clients, seconds, max, latencies, errors);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = metric(commandUrl, operator, "process.cpu.time", "COUNT") - cpuBefore;
        double commandTrips = metric(commandUrl, operator, "mongodb.driver.commands", "COUNT") - commandTripsBefore;
        double queryTrips = metric(queryUrl, operator, "mongodb.driver.commands", "COUNT") - queryTripsBefore;

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rps = sorted.size() / elapsed;
        double waitMean = waitMeanMillis(commandUrl, operator);
        System.out.println();
        System.out.printf("%8s %8s %9s %9s %9s %7s %7s %14s%n", "clients", "created", "per sec", "p50 ms", "p99 ms",
                "errors", "secs", "view wait ms");
        System.out.printf(Locale.ROOT, "%8d %8d %9.1f %9.1f %9.1f %7d %7.1f %14.1f%n", clients, sorted.size(), rps,
                percentile(sorted, 50), percentile(sorted, 99), errors.get(), elapsed, waitMean);
        System.out.println("(view wait: mean time a command waited for the query side's token views, all commands"
                + " incl. warm-up)");
        System.out.println();
        System.out.printf(Locale.ROOT, "create.rps %.1f accounts/s%n", rps);
        System.out.printf(Locale.ROOT, "create.p50 %.1f ms%n", percentile(sorted, 50));
        System.out.printf(Locale.ROOT, "create.p99 %.1f ms%n", percentile(sorted, 99));
        System.out.printf(Locale.ROOT, "create.errors %d count%n", errors.get());
        // the system's JVM (both apps and the embedded MongoDB), over the measured period: depends less on the load
        System.out.printf(Locale.ROOT, "create.cpu_ms_per_account %.2f ms%n", cpu / 1e6 / sorted.size());
        System.out.printf(Locale.ROOT, "create.command_mongo_commands_per_account %.2f count%n",
                commandTrips / sorted.size());
        System.out.printf(Locale.ROOT, "create.query_mongo_commands_per_account %.2f count%n",
                queryTrips / sorted.size());
    }

    /** {@code clients} threads creating accounts back to back until {@code seconds} have passed or {@code max} tries. */
    private static void run(String url, String operator, int clients, int seconds, int max, List<Long> latencies,
                            AtomicInteger errors) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline && names.get() < max) {
                        long sent = System.nanoTime();
                        try {
                            int name = names.incrementAndGet();
                            if (name > max) {
                                break;
                            }
                            HttpResponse<String> answer = post(url, operator,
                                    "{\"name\":\"bench " + name + "\",\"appType\":\"CUSTOM\"}");
                            if (answer.statusCode() == 201) {
                                latencies.add(System.nanoTime() - sent);
                            } else {
                                errors.incrementAndGet();
                                System.err.println("create answered " + answer.statusCode() + " " + answer.body());
                            }
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            System.err.println("create failed: " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One statistic of an actuator meter of the app at {@code baseUrl}, summed over its tags; NaN when absent. */
    private static double metric(String baseUrl, String operator, String name, String statistic) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics/" + name))
                .header("Authorization", "Bearer " + operator).GET().timeout(Duration.ofSeconds(30)).build());
        return answer.statusCode() == 200 ? statistic(answer, statistic) : Double.NaN;
    }

    /** Mean of the command side's {@code sa.command.token_views.wait} timer, in ms; NaN when absent. */
    private static double waitMeanMillis(String commandUrl, String operator) {
        HttpResponse<String> wait = send(HttpRequest.newBuilder(URI.create(commandUrl
                + "/actuator/metrics/sa.command.token_views.wait")).header("Authorization", "Bearer " + operator)
                .GET().timeout(Duration.ofSeconds(30)).build());
        if (wait.statusCode() != 200) {
            return Double.NaN;
        }
        double count = statistic(wait, "COUNT");
        return count == 0 ? 0 : statistic(wait, "TOTAL_TIME") * 1000 / count;
    }

    private static double statistic(HttpResponse<String> metric, String name) {
        Matcher matcher = Pattern.compile("\"statistic\"\\s*:\\s*\"" + name + "\"\\s*,\\s*\"value\"\\s*:\\s*([-0-9.Ee]+)")
                .matcher(metric.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static double percentile(List<Long> sortedNanos, int percent) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static HttpResponse<String> token(String queryUrl, String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(queryUrl + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    private static HttpResponse<String> post(String url, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
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
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return matcher.group(1);
    }
}
