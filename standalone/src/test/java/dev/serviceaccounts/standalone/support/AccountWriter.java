package dev.serviceaccounts.standalone.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.PermissionScopes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One writer of a multi-process test: it alone sends commands on its own accounts (so it knows, from the answers,
 * what each account must be), each to a command side picked at random, with an operator token picked at random
 * from those the query sides issued. A 2xx changes the expected account; a 409 changes nothing, nor does a refused
 * connection (the command was never sent). Any other answer, or none, leaves the outcome unknown: the account is marked uncertain and takes no further command. With
 * {@code checkFreshness}, each 2xx is followed at once by token requests on every query side, which must reflect
 * it (docs/token-freshness.md); each stale answer is noted in {@link #problems()}.
 */
public final class AccountWriter implements Runnable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final String companyId;
    private final List<Account> accounts;
    private final List<String> commandSides;
    private final List<String> querySides;
    private final Supplier<List<String>> operatorTokens;
    private final boolean checkFreshness;
    private final BooleanSupplier running;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private int acknowledged;

    /**
     * @param accounts       the writer's own accounts, made with {@link #create}
     * @param operatorTokens the operator tokens to pick from, read again before each command
     * @param running        false once the writer is to stop
     */
    public AccountWriter(String companyId, List<Account> accounts, List<String> commandSides, List<String> querySides,
                         Supplier<List<String>> operatorTokens, boolean checkFreshness, BooleanSupplier running) {
        this.companyId = companyId;
        this.accounts = accounts;
        this.commandSides = commandSides;
        this.querySides = querySides;
        this.operatorTokens = operatorTokens;
        this.checkFreshness = checkFreshness;
        this.running = running;
    }

    /** An account as its writer's acknowledged commands made it. */
    public static final class Account {
        private final String id;
        private final String clientId;
        private String secret;
        private String name;
        private boolean active = true;
        private final Map<CompanyTool, PermissionLevel> permissions = new EnumMap<>(CompanyTool.class);
        private volatile String uncertain;

        private Account(String id, String clientId, String secret, String name) {
            this.id = id;
            this.clientId = clientId;
            this.secret = secret;
            this.name = name;
        }

        public String id() {
            return id;
        }

        public String clientId() {
            return clientId;
        }

        public synchronized String secret() {
            return secret;
        }

        public synchronized String name() {
            return name;
        }

        public synchronized boolean active() {
            return active;
        }

        public synchronized Map<CompanyTool, PermissionLevel> permissions() {
            return Map.copyOf(permissions);
        }

        /** @return the scope of a token asked for without {@code scope}: all the account holds */
        public synchronized Set<String> scope() {
            return PermissionScopes.held(new CompanyPermissions(permissions));
        }

        /** @return why the account's last command has an unknown outcome; null when none has */
        public String uncertain() {
            return uncertain;
        }
    }

    /** Creates a CUSTOM account on {@code commandSide}, asserting 201. */
    public static Account create(String commandSide, String operator, String companyId, String name) {
        HttpResponse<String> created = send("POST", commandSide + "/api/v1/companies/" + companyId
                + "/service-accounts", operator, Map.of("name", name, "appType", "CUSTOM"));
        if (created.statusCode() != 201) {
            throw new AssertionError("create: " + created.statusCode() + " " + created.body());
        }
        JsonNode body = Api.json(created);
        return new Account(body.get("id").asText(), body.get("clientId").asText(), body.get("clientSecret").asText(),
                name);
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.getAsBoolean()) {
            List<Account> certain = accounts.stream().filter(a -> a.uncertain == null).toList();
            if (certain.isEmpty()) {
                return;
            }
            Account account = certain.get(random.nextInt(certain.size()));
            String commandSide = commandSides.get(random.nextInt(commandSides.size()));
            List<String> tokens = operatorTokens.get();
            String operator = tokens.get(random.nextInt(tokens.size()));
            command(account, commandSide, operator, random);
        }
    }

    private void command(Account account, String commandSide, String operator, ThreadLocalRandom random) {
        String path = commandSide + "/api/v1/companies/" + companyId + "/service-accounts/" + account.id;
        int kind = random.nextInt(7);
        CompanyTool tool = CompanyTool.values()[random.nextInt(CompanyTool.values().length)];
        PermissionLevel level = PermissionLevel.values()[random.nextInt(PermissionLevel.values().length)];
        String name = "writer " + UUID.randomUUID();
        boolean active = account.active();
        String what = switch (kind) {
            case 0, 1, 2 -> "grant " + tool + " " + level;
            case 3 -> "rename";
            case 4 -> active ? "deactivate" : "reactivate";
            default -> "reset";
        };
        HttpResponse<String> answer;
        try {
            answer = switch (kind) {
                case 0, 1, 2 -> send("PUT", path + "/permissions/company/" + tool, operator, Map.of("level", level));
                case 3 -> send("PATCH", path, operator, Map.of("name", name));
                case 4 -> send("POST", path + (active ? ":deactivate" : ":reactivate"), operator, null);
                default -> send("POST", path + "/secret:reset", operator, null);
            };
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.net.ConnectException) {
                return; // never sent: the instance is down; a client tries another, and so does this writer
            }
            account.uncertain = what + " got no answer: " + e;
            if (checkFreshness) {
                problems.add(account.id + ": " + account.uncertain);
            }
            return;
        }
        int status = answer.statusCode();
        if (status == 409) {
            return;
        }
        if (status / 100 != 2) {
            account.uncertain = what + " answered " + status + " " + answer.body();
            if (checkFreshness) {
                problems.add(account.id + ": " + account.uncertain);
            }
            return;
        }
        String oldSecret = account.secret();
        synchronized (account) {
            switch (kind) {
                case 0, 1, 2 -> {
                    if (level == PermissionLevel.NONE) {
                        account.permissions.remove(tool);
                    } else {
                        account.permissions.put(tool, level);
                    }
                }
                case 3 -> account.name = name;
                case 4 -> account.active = !account.active;
                default -> {
                    // a reset wipes the permissions too (docs/design.md §3, invariant 6)
                    account.secret = Api.json(answer).get("clientSecret").asText();
                    account.permissions.clear();
                }
            }
        }
        acknowledged++;
        if (checkFreshness) {
            checkTokens(account, what, kind > 4 ? oldSecret : null);
        }
    }

    /** Both query sides at once: the current secret gives what the account holds, or is refused; an old one never works. */
    private void checkTokens(Account account, String after, String oldSecret) {
        List<CompletableFuture<HttpResponse<String>>> current = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> old = new ArrayList<>();
        for (String querySide : querySides) {
            current.add(token(querySide, account.clientId, account.secret()));
            if (oldSecret != null) {
                old.add(token(querySide, account.clientId, oldSecret));
            }
        }
        for (int i = 0; i < querySides.size(); i++) {
            HttpResponse<String> answer = current.get(i).join();
            String where = account.id + " on " + querySides.get(i) + " after " + after + ": ";
            if (!account.active()) {
                if (answer.statusCode() != 401) {
                    problems.add(where + "a deactivated account got " + answer.statusCode());
                }
            } else if (answer.statusCode() != 200) {
                problems.add(where + "refused " + answer.statusCode() + " " + answer.body());
            } else if (!scope(answer).equals(account.scope())) {
                problems.add(where + "scope " + scope(answer) + ", expected " + account.scope());
            }
            if (oldSecret != null && old.get(i).join().statusCode() != 401) {
                problems.add(where + "the reset secret got " + old.get(i).join().statusCode());
            }
        }
    }

    /** @return the stale or unexpected answers seen */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @return how many commands were answered 2xx */
    public int acknowledged() {
        return acknowledged;
    }

    /** @return the scope values of a 200 token response; empty when it has none */
    public static Set<String> scope(HttpResponse<String> tokenResponse) {
        JsonNode scope = Api.json(tokenResponse).get("scope");
        return scope == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.asText().split(" ")));
    }

    /** POST /oauth/token (client_credentials, client_secret_basic) on {@code querySide}, not waiting for the answer. */
    public static CompletableFuture<HttpResponse<String>> token(String querySide, String clientId, String secret) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(querySide + "/oauth/token"))
                .header("Authorization", Api.basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method} to {@code url} with a bearer token and a JSON body (null: none). */
    public static HttpResponse<String> send(String method, String url, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Api.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
