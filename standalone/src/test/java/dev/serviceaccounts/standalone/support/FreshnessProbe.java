package dev.serviceaccounts.standalone.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rounds of "a command on a service account is answered 2xx, then at once token requests with the old and
 * the new credentials", counting the stale answers: an old secret (or a deactivated
 * or deleted account) that still gets a token, or a new secret (or a reactivated account) that is refused.
 * Each round has its own account; rounds run side by side. Commands go to the command side of
 * {@code commands}, token requests to the query side of {@code tokens}.
 */
public final class FreshnessProbe {

    /** The commands whose effect the very next token request must see. */
    public enum Command { CREATE, RESET, ROTATE, DEACTIVATE, DELETE, REACTIVATE }

    /**
     * @param staleOld rounds in which the old credentials still got a token
     * @param staleNew rounds in which the new credentials were refused
     */
    public record Result(int rounds, int staleOld, int staleNew, List<String> stale) {
    }

    private final Api commands;
    private final Api tokens;
    private final String operator;
    private final String companyId;

    public FreshnessProbe(Api commands, Api tokens, String operator, String companyId) {
        this.commands = commands;
        this.tokens = tokens;
        this.operator = operator;
        this.companyId = companyId;
    }

    /** Runs {@code rounds} rounds of {@code command}, {@code threads} at a time. */
    public Result run(Command command, int rounds, int threads) throws Exception {
        AtomicInteger staleOld = new AtomicInteger();
        AtomicInteger staleNew = new AtomicInteger();
        List<String> stale = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                done.add(pool.submit(() -> {
                    round(command, staleOld, staleNew, stale);
                    return null;
                }));
            }
            for (Future<?> round : done) {
                round.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Result(rounds, staleOld.get(), staleNew.get(), List.copyOf(stale));
    }

    private void round(Command command, AtomicInteger staleOld, AtomicInteger staleNew, List<String> stale) {
        JsonNode account = command == Command.CREATE ? null
                : commands.createCustomAccount(operator, companyId, "fresh-" + UUID.randomUUID());
        String path = account == null ? null
                : "/companies/" + companyId + "/service-accounts/" + account.get("id").asText();
        if (command == Command.REACTIVATE) {
            expect(commands.command("POST", path + ":deactivate", operator, null), 200);
        }
        String clientId = account == null ? null : account.get("clientId").asText();
        String oldSecret = account == null ? null : account.get("clientSecret").asText();
        String newSecret = null;
        switch (command) {
            case CREATE -> {
                JsonNode created = commands.createCustomAccount(operator, companyId, "fresh-" + UUID.randomUUID());
                clientId = created.get("clientId").asText();
                newSecret = created.get("clientSecret").asText();
            }
            case RESET -> newSecret = Api.json(expect(commands.command("POST", path + "/secret:reset", operator, null), 200))
                    .get("clientSecret").asText();
            case ROTATE -> newSecret = Api.json(expect(commands.command("POST", path + "/secret:rotate", operator,
                    Map.of("graceSeconds", 0)), 200)).get("clientSecret").asText();
            case DEACTIVATE -> expect(commands.command("POST", path + ":deactivate", operator, null), 200);
            case DELETE -> expect(commands.command("DELETE", path, operator, null), 204);
            case REACTIVATE -> {
                expect(commands.command("POST", path + ":reactivate", operator, null), 200);
                newSecret = oldSecret;
                oldSecret = null;
            }
            default -> throw new IllegalArgumentException(command.name());
        }
        CompletableFuture<HttpResponse<String>> withOld = oldSecret == null ? null : tokens.tokenBasicAsync(clientId, oldSecret);
        CompletableFuture<HttpResponse<String>> withNew = newSecret == null ? null : tokens.tokenBasicAsync(clientId, newSecret);
        if (withOld != null && withOld.join().statusCode() != 401) {
            staleOld.incrementAndGet();
            stale.add(command + " old credentials: " + withOld.join().statusCode());
        }
        if (withNew != null && withNew.join().statusCode() != 200) {
            staleNew.incrementAndGet();
            stale.add(command + " new credentials: " + withNew.join().statusCode() + " " + withNew.join().body());
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
