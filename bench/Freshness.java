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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshness benchmark (docs/token-freshness.md): how soon after a command's 2xx the token endpoint follows it.
 * Run by {@code bench/freshness}, which starts the system; JDK only: {@code java bench/Freshness.java
 * <queryUrl> <commandUrl> <operatorId> <operatorSecret> [tries] [threads]}.
 *
 * <p>It seeds a company and an admin account (Admin tool ADMIN) through the operator, then, as that admin,
 * runs {@code tries} each of create, reset, rotate (graceSeconds 0) and deactivate, {@code threads} at a
 * time, each on its own account. After each 2xx it measures the time to the first successful token with
 * the new secret (create, reset, rotate) or to the first refusal (deactivate), and counts stale answers:
 * a new secret refused on the first try, an old secret (or a deactivated account) given a token. The old
 * secret is tried once, at once, alongside the new one. A refusal is answered only after the endpoint's
 * failure delay (300 ms), so refusal figures include it. Prints a table, then one line per figure:
 * {@code name value unit}.
 */
public final class Freshness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration GIVE_UP = Duration.ofSeconds(5);

    private final String queryUrl;
    private final String commandUrl;
    private final List<String> machineLines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder table = new StringBuilder();
    private String adminToken;
    private String companyId;

    private Freshness(String queryUrl, String commandUrl) {
        this.queryUrl = queryUrl;
        this.commandUrl = commandUrl;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java Freshness.java <queryUrl> <commandUrl> <operatorId> <operatorSecret> [tries] [threads]");
            System.exit(2);
        }
        int tries = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        Freshness bench = new Freshness(args[0], args[1]);
        bench.seed(args[2], args[3]);
        List<Account> accounts = bench.run("create", tries, threads, Collections.nCopies(tries, null));
        accounts = bench.run("reset", tries, threads, accounts);
        accounts = bench.run("rotate", tries, threads, accounts);
        bench.run("deactivate", tries, threads, accounts);
        bench.metrics(args[2], args[3]);
        bench.print();
    }

    /** The company and the admin account the runs act as. */
    private void seed(String operatorId, String operatorSecret) {
        String operator = field(expect(token(operatorId, operatorSecret), 200), "access_token");
        companyId = field(expect(post(commandUrl + "/api/v1/companies", operator, "{\"name\":\"Freshness bench\"}"), 201),
                "companyId");
        HttpResponse<String> admin = expect(post(accountsUrl(), operator,
                "{\"name\":\"bench admin\",\"appType\":\"CUSTOM\"}"), 201);
        expect(send(HttpRequest.newBuilder(URI.create(accountsUrl() + "/" + field(admin, "id") + "/permissions/company/ADMIN"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"ADMIN\"}"))), 200);
        adminToken = field(expect(token(field(admin, "clientId"), field(admin, "clientSecret")), 200), "access_token");
    }

    private List<Account> run(String command, int tries, int threads, List<Account> accounts) throws Exception {
        Samples firstAnswer = new Samples();
        Samples oldRefused = new Samples();
        Samples commandTime = new Samples();
        AtomicInteger staleNew = new AtomicInteger();
        AtomicInteger staleOld = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Account> next = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                Account account = accounts.get(i);
                done.add(pool.submit(() -> {
                    try {
                        next.add(once(command, account, firstAnswer, oldRefused, commandTime, staleNew, staleOld));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        System.err.println(command + " failed: " + e.getMessage());
                    }
                    return null;
                }));
            }
            for (Future<?> round : done) {
                round.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean refusal = command.equals("deactivate");
        table.append(String.format(Locale.ROOT, "%-11s %6d %9.1f %9.1f %10d %10d %9.1f %9.1f %9d %7.1f%n", command,
                tries, firstAnswer.percentile(50), firstAnswer.percentile(99), staleNew.get(), staleOld.get(),
                commandTime.percentile(50), commandTime.percentile(99), failures.get(), seconds));
        String answer = refusal ? "first_refusal" : "first_token";
        figure(command + "." + answer + "_p50", firstAnswer.percentile(50), "ms");
        figure(command + "." + answer + "_p99", firstAnswer.percentile(99), "ms");
        if (!refusal) {
            figure(command + ".stale_new", staleNew.get(), "count");
        }
        figure(command + ".stale_old", staleOld.get(), "count");
        if (!oldRefused.isEmpty()) {
            figure(command + ".old_refusal_p50", oldRefused.percentile(50), "ms");
            figure(command + ".old_refusal_p99", oldRefused.percentile(99), "ms");
        }
        figure(command + ".command_p50", commandTime.percentile(50), "ms");
        figure(command + ".command_p99", commandTime.percentile(99), "ms");
        figure(command + ".failures", failures.get(), "count");
        return new ArrayList<>(next);
    }

    /** One try: the command, then at once the token requests; @return the account with its current secret */
    private Account once(String command, Account account, Samples firstAnswer, Samples oldRefused, Samples commandTime,
                         AtomicInteger staleNew, AtomicInteger staleOld) {
        long sent = System.nanoTime();
        HttpResponse<String> response = switch (command) {
            case "create" -> expect(post(accountsUrl(), adminToken,
                    "{\"name\":\"fresh\",\"appType\":\"CUSTOM\"}"), 201);
            case "reset" -> expect(post(accountsUrl() + "/" + account.id() + "/secret:reset", adminToken, null), 200);
            case "rotate" -> expect(post(accountsUrl() + "/" + account.id() + "/secret:rotate", adminToken,
                    "{\"graceSeconds\":0}"), 200);
            case "deactivate" -> expect(post(accountsUrl() + "/" + account.id() + ":deactivate", adminToken, null), 200);
            default -> throw new IllegalArgumentException(command);
        };
        long answered = System.nanoTime();
        commandTime.add(answered - sent);
        if (command.equals("deactivate")) {
            firstAnswer.add(untilStatus(account, account.secret(), 401, staleOld) - answered);
            return account;
        }
        Account current = command.equals("create")
                ? new Account(field(response, "id"), field(response, "clientId"), field(response, "clientSecret"))
                : new Account(account.id(), account.clientId(), field(response, "clientSecret"));
        CompletableFuture<HttpResponse<String>> withOld = account == null ? null
                : HTTP.sendAsync(tokenRequest(account.clientId(), account.secret()), HttpResponse.BodyHandlers.ofString());
        firstAnswer.add(untilStatus(current, current.secret(), 200, staleNew) - answered);
        if (withOld != null) {
            HttpResponse<String> old = withOld.join();
            if (old.statusCode() == 200) {
                staleOld.incrementAndGet();
                System.err.printf("stale: account %s old secret answered 200 after %s%n", account.id(), command);
            } else {
                oldRefused.add(System.nanoTime() - answered);
            }
        }
        return current;
    }

    /** Token requests until one answers {@code status}; each other answer before it is a stale one. */
    private long untilStatus(Account account, String secret, int status, AtomicInteger stale) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            HttpResponse<String> answer = token(account.clientId(), secret);
            if (answer.statusCode() == status) {
                return System.nanoTime();
            }
            stale.incrementAndGet();
            System.err.printf("stale: account %s answered %d (wanted %d) %s%n", account.id(), answer.statusCode(), status,
                    answer.body());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + status + " within " + GIVE_UP + ": " + answer.statusCode());
            }
        }
    }

    /** The command side's wait for the token views, and the token endpoint's second-look acceptances. */
    private void metrics(String operatorId, String operatorSecret) {
        String operator = field(expect(token(operatorId, operatorSecret), 200), "access_token");
        HttpResponse<String> wait = get(commandUrl + "/actuator/metrics/sa.command.token_views.wait", operator);
        if (wait.statusCode() == 200) {
            double count = statistic(wait, "COUNT");
            figure("command_wait_mean", count == 0 ? 0 : statistic(wait, "TOTAL_TIME") * 1000 / count, "ms");
            figure("command_wait_max", statistic(wait, "MAX") * 1000, "ms");
        }
        HttpResponse<String> timeouts = get(commandUrl + "/actuator/metrics/sa.command.token_views.timeouts", operator);
        figure("command_wait_timeouts", timeouts.statusCode() == 200 ? statistic(timeouts, "COUNT") : 0, "count");
        HttpResponse<String> late = get(queryUrl + "/actuator/metrics/sa.token.client_authentication.accepted_after_delay",
                operator);
        figure("accepted_after_delay", late.statusCode() == 200 ? statistic(late, "COUNT") : 0, "count");
    }

    private static double statistic(HttpResponse<String> metric, String name) {
        Matcher matcher = Pattern.compile("\"statistic\"\\s*:\\s*\"" + name + "\"\\s*,\\s*\"value\"\\s*:\\s*([-0-9.Ee]+)")
                .matcher(metric.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static HttpResponse<String> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private void print() {
        System.out.println();
        System.out.printf("%-11s %6s %9s %9s %10s %10s %9s %9s %9s %7s%n", "command", "tries", "p50 ms", "p99 ms",
                "stale-new", "stale-old", "cmd p50", "cmd p99", "failures", "secs");
        System.out.print(table);
        System.out.println("(p50/p99: from the command's 2xx to the first successful token, for deactivate to the"
                + " first refusal, which includes the 300 ms failure delay)");
        System.out.println();
        machineLines.forEach(System.out::println);
    }

    private void figure(String name, double value, String unit) {
        machineLines.add(String.format(Locale.ROOT, "freshness.%s %.1f %s", name, value, unit));
    }

    private String accountsUrl() {
        return commandUrl + "/api/v1/companies/" + companyId + "/service-accounts";
    }

    private HttpResponse<String> token(String clientId, String secret) {
        return send(tokenRequest(clientId, secret));
    }

    private HttpRequest tokenRequest(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(queryUrl + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
    }

    private static HttpResponse<String> post(String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.timeout(Duration.ofSeconds(30)).build());
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

    private record Account(String id, String clientId, String secret) {
    }

    /** Durations in nanoseconds; percentiles in milliseconds. */
    private static final class Samples {
        private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

        void add(long duration) {
            nanos.add(duration);
        }

        boolean isEmpty() {
            return nanos.isEmpty();
        }

        double percentile(int percent) {
            List<Long> sorted;
            synchronized (nanos) {
                sorted = new ArrayList<>(nanos);
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }
}
