package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import dev.serviceaccounts.standalone.support.AccountWriter;
import dev.serviceaccounts.standalone.support.AccountWriter.Account;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.Deployment;
import dev.serviceaccounts.standalone.support.Deployment.Node;
import dev.serviceaccounts.standalone.support.TestSystem;
import dev.serviceaccounts.standalone.support.ViewsAgainstStore;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/decisions.md D43: a deployment of separate processes on one machine ({@link Deployment}): the embedded
 * MongoDB alone, two query sides and two command sides, each its own JVM. Mixed commands and token requests go to
 * every process at once; then a {@code kill -9} of each kind of process in the middle of a command load. Each test
 * has its own company and accounts, each account one writer ({@link AccountWriter}) that knows from the answers
 * what it must be. Slow: runs with {@code -Pslow} (and in CI).
 */
@Tag("slow")
class SeparateProcessesTests {

    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final int WRITERS = 4;
    private static final int ACCOUNTS_PER_WRITER = 3;
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    private static Deployment deployment;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (deployment != null) {
                System.err.println(deployment.logTails());
                deployment.keepLogs();
            }
        }
    };

    @BeforeAll
    static void startDeployment() {
        // a command's 2xx waits for every token view: on a loaded machine the default 3 s could run out and read
        // as a stale token; an instance signs with a key another instance rotated in within a second; the writers
        // check every refusal (old secrets, deactivated accounts) at full speed, which the brute-force limits would
        // soon answer 429 (D25): they are set out of reach, as the failure delay is kept short
        deployment = Deployment.start(2, 2, Map.of("service-accounts.token-views.timeout", "20s",
                "service-accounts.signing-keys.reload-period", "1s",
                "service-accounts.failure-delay", "10ms",
                "service-accounts.failure-limits.per-client-id", "100000000",
                "service-accounts.failure-limits.per-address", "100000000"));
    }

    @AfterAll
    static void stopDeployment() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void whenMixedCommandsAndTokenRequestsGoToEveryProcessThenNoStaleTokenNothingLostAndEveryKeyVerifies()
            throws Exception {
        List<String> commandSides = urls(deployment.commandSides());
        List<String> querySides = urls(deployment.querySides());
        AtomicReference<List<String>> operatorTokens = new AtomicReference<>(operatorTokens(querySides));
        List<String> before = operatorTokens.get();
        String companyId = company(commandSides.get(0), before.get(1));
        List<AccountWriter> writers = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int w = 0; w < WRITERS; w++) {
            List<Account> own = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS_PER_WRITER; i++) {
                own.add(AccountWriter.create(commandSides.get(i % 2), before.get(w % 2), companyId, "w" + w + "-" + i));
            }
            accounts.addAll(own);
            writers.add(new AccountWriter(companyId, own, commandSides, querySides, operatorTokens::get, true,
                    running::get));
        }
        Account hot = AccountWriter.create(commandSides.get(1), before.get(0), companyId, "hot");
        List<List<String>> hotAnswers = List.of(Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + hotAnswers.size());
        List<Future<?>> done = new ArrayList<>();
        String newKid;
        try {
            writers.forEach(writer -> done.add(pool.submit(writer)));
            for (int t = 0; t < hotAnswers.size(); t++) {
                int thread = t;
                done.add(pool.submit(() -> renameRace(companyId, hot, thread, commandSides, before, running,
                        hotAnswers.get(thread))));
            }
            Thread.sleep(LOAD.toMillis() / 3);
            newKid = rotateAndCheckEveryInstanceVerifies(before, commandSides, querySides);
            operatorTokens.set(operatorTokens(querySides));
            Thread.sleep(LOAD.toMillis() * 2 / 3);
        } finally {
            running.set(false);
            for (Future<?> writer : done) {
                writer.get();
            }
            pool.shutdown();
        }

        List<String> problems = writers.stream().flatMap(writer -> writer.problems().stream()).toList();
        assertThat(problems).as("stale or unexpected answers").isEmpty();
        assertThat(writers.stream().mapToInt(AccountWriter::acknowledged).sum()).isGreaterThan(WRITERS);
        assertThat(operatorTokens.get()).allSatisfy(token -> assertThat(kid(token)).isEqualTo(newKid));
        try (ConfigurableApplicationContext here = deployment.startQuerySideHere()) {
            List<String> ids = new ArrayList<>(accounts.stream().map(Account::id).toList());
            ids.add(hot.id());
            ViewsAgainstStore store = new ViewsAgainstStore(here);
            store.assertEveryViewIsTheFold(ids, CONVERGE);
            assertEveryAccountIsWhatItsWriterWasAnswered(store, accounts, querySides);
            assertEveryAcknowledgedRenameStoredOnceInOrder(here.getBean(EventStore.class), hot.id(), hotAnswers);
        }
    }

    @Test
    void whenEachKindOfProcessIsKilledMidLoadThenNothingAcknowledgedIsLostAndViewsConvergeAndTokensAnswer()
            throws Exception {
        List<String> commandSides = urls(deployment.commandSides());
        List<String> querySides = urls(deployment.querySides());
        List<String> tokens = operatorTokens(querySides);
        String companyId = company(commandSides.get(0), tokens.get(0));
        List<AccountWriter> writers = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int w = 0; w < WRITERS; w++) {
            List<Account> own = new ArrayList<>();
            // a command cut off by a kill leaves its account's outcome unknown, and the account out of the checks
            for (int i = 0; i < 2 * ACCOUNTS_PER_WRITER; i++) {
                own.add(AccountWriter.create(commandSides.get(i % 2), tokens.get(w % 2), companyId, "c" + w + "-" + i));
            }
            accounts.addAll(own);
            writers.add(new AccountWriter(companyId, own, commandSides, querySides, () -> tokens, false,
                    running::get));
        }
        List<Node> victims = List.of(deployment.commandSides().get(0), deployment.querySides().get(0),
                deployment.mongo());
        List<Account> created = new ArrayList<>();
        List<Account> deactivated = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        try {
            writers.forEach(writer -> done.add(pool.submit(writer)));
            for (Node victim : victims) {
                Account gone = AccountWriter.create(commandSides.get(1), tokens.get(1), companyId, "gone " + victim.name());
                HttpResponse<String> deactivation = AccountWriter.send("POST", commandSides.get(1) + "/api/v1/companies/"
                        + companyId + "/service-accounts/" + gone.id() + ":deactivate", tokens.get(1), null);
                assertThat(deactivation.statusCode()).as(deactivation.body()).isEqualTo(200);
                deactivated.add(gone);
                created.add(AccountWriter.create(commandSides.get(1), tokens.get(1), companyId, "made " + victim.name()));
                Thread.sleep(2_000);
                Instant killed = Instant.now();
                victim.killAndRestart();
                System.out.printf("%s killed and answering again after %s%n", victim.name(),
                        Duration.between(killed, Instant.now()));
                for (String querySide : querySides) {
                    assertTokens(querySide, created, 200, "created before the kill of " + victim.name());
                    assertTokens(querySide, deactivated, 401, "deactivated before the kill of " + victim.name());
                }
            }
            Thread.sleep(2_000);
        } finally {
            running.set(false);
            for (Future<?> writer : done) {
                writer.get();
            }
            pool.shutdown();
        }

        List<Account> certain = accounts.stream().filter(account -> account.uncertain() == null).toList();
        System.out.printf("%s: %d commands acknowledged; %d of %d accounts had a command of unknown outcome: %s%n",
                getClass().getSimpleName(), writers.stream().mapToInt(AccountWriter::acknowledged).sum(),
                accounts.size() - certain.size(), accounts.size(),
                accounts.stream().map(Account::uncertain).filter(reason -> reason != null).toList());
        assertThat(certain).as("accounts whose every command was answered").isNotEmpty();
        try (ConfigurableApplicationContext here = deployment.startQuerySideHere()) {
            List<String> ids = new ArrayList<>(accounts.stream().map(Account::id).toList());
            created.forEach(account -> ids.add(account.id()));
            deactivated.forEach(account -> ids.add(account.id()));
            ViewsAgainstStore store = new ViewsAgainstStore(here);
            store.assertEveryViewIsTheFold(ids, CONVERGE);
            assertEveryAccountIsWhatItsWriterWasAnswered(store, certain, querySides);
        }
    }

    /** Renames the hot account in a loop on the command sides in turn; notes each name with its answer. */
    private static void renameRace(String companyId, Account hot, int thread, List<String> commandSides,
                                   List<String> tokens, AtomicBoolean running, List<String> answers) {
        for (int i = 0; running.get(); i++) {
            String name = "hot " + thread + " " + i;
            HttpResponse<String> answer = AccountWriter.send("PATCH", commandSides.get((thread + i) % 2)
                    + "/api/v1/companies/" + companyId + "/service-accounts/" + hot.id(), tokens.get(i % 2),
                    Map.of("name", name));
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409);
            answers.add(answer.statusCode() + " " + name);
        }
    }

    /**
     * Rotates the signing key on the second query side; then every query side signs with the new key (within its
     * reload period), and a token of the old key and one of the new, from each query side, is accepted by each
     * query side (a read) and each command side (a command).
     *
     * @return the new key's id
     */
    private static String rotateAndCheckEveryInstanceVerifies(List<String> before, List<String> commandSides,
                                                              List<String> querySides) throws InterruptedException {
        HttpResponse<String> rotated = AccountWriter.send("POST", querySides.get(1) + SigningKeyRotationApiTests.ROTATE,
                before.get(0), null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = Api.json(rotated).get("kid").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> after = operatorTokens(querySides);
        while (!after.stream().allMatch(token -> kid(token).equals(newKid)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            after = operatorTokens(querySides);
        }
        assertThat(after).as("every query side signs with the new key").allSatisfy(
                token -> assertThat(kid(token)).isEqualTo(newKid));
        List<String> every = new ArrayList<>(before);
        every.addAll(after);
        for (String token : every) {
            for (String querySide : querySides) {
                HttpResponse<String> read = AccountWriter.send("GET", querySide + "/api/v1/companies", token, null);
                assertThat(read.statusCode()).as(querySide + " reads with kid " + kid(token)).isEqualTo(200);
            }
            for (String commandSide : commandSides) {
                HttpResponse<String> created = AccountWriter.send("POST", commandSide + "/api/v1/companies", token,
                        Map.of("name", "Keys " + UUID.randomUUID()));
                assertThat(created.statusCode()).as(commandSide + " commands with kid " + kid(token) + ": "
                        + created.body()).isEqualTo(201);
            }
        }
        return newKid;
    }

    /**
     * Each account's stored fold is what its writer's 2xx answers made it (no acknowledged command lost, none
     * doubled or applied though refused), and every query side's token endpoint agrees.
     */
    private static void assertEveryAccountIsWhatItsWriterWasAnswered(ViewsAgainstStore store, List<Account> accounts,
                                                                     List<String> querySides) {
        for (Account account : accounts) {
            AccountState state = store.fold(account.id()).orElseThrow();
            assertThat(state.name()).as("name of " + account.id()).isEqualTo(account.name());
            assertThat(state.status()).as("status of " + account.id())
                    .isEqualTo(account.active() ? AccountStatus.ACTIVE : AccountStatus.DEACTIVATED);
            assertThat(state.permissions().levels()).as("permissions of " + account.id())
                    .isEqualTo(account.permissions());
            for (String querySide : querySides) {
                HttpResponse<String> token = AccountWriter.token(querySide, account.clientId(), account.secret()).join();
                if (account.active()) {
                    assertThat(token.statusCode()).as(querySide + " " + account.id() + " " + token.body()).isEqualTo(200);
                    assertThat(AccountWriter.scope(token)).as(querySide + " scope of " + account.id())
                            .isEqualTo(account.scope());
                } else {
                    assertThat(token.statusCode()).as(querySide + " " + account.id()).isEqualTo(401);
                }
            }
        }
    }

    /**
     * Every rename answered 200 is stored once, none answered 409 is stored, and each thread's renames are stored
     * in the order it sent them.
     */
    private static void assertEveryAcknowledgedRenameStoredOnceInOrder(EventStore events, String accountId,
                                                                       List<List<String>> answers) {
        List<String> stored = new ArrayList<>();
        DomainEventStream stream = events.readEvents(accountId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof ServiceAccountEditedEvent edited && edited.name().startsWith("hot ")) {
                stored.add(edited.name());
            }
        }
        for (List<String> thread : answers) {
            List<String> acknowledged = thread.stream().filter(answer -> answer.startsWith("200 "))
                    .map(answer -> answer.substring(4)).toList();
            List<String> refused = thread.stream().filter(answer -> answer.startsWith("409 "))
                    .map(answer -> answer.substring(4)).toList();
            assertThat(acknowledged).as("renames answered 200").isNotEmpty();
            assertThat(stored.stream().filter(acknowledged::contains).toList())
                    .as("each acknowledged rename stored once, in its thread's order").isEqualTo(acknowledged);
            assertThat(stored.stream().filter(refused::contains).toList()).as("refused renames stored").isEmpty();
        }
    }

    private static void assertTokens(String querySide, List<Account> accounts, int status, String what) {
        for (Account account : accounts) {
            HttpResponse<String> token = AccountWriter.token(querySide, account.clientId(), account.secret()).join();
            assertThat(token.statusCode()).as(querySide + ": " + what + " " + token.body()).isEqualTo(status);
        }
    }

    private static String company(String commandSide, String operator) {
        HttpResponse<String> created = AccountWriter.send("POST", commandSide + "/api/v1/companies", operator,
                Map.of("name", "Processes " + UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Api.json(created).get("companyId").asText();
    }

    private static List<String> operatorTokens(List<String> querySides) {
        return querySides.stream().map(querySide -> Api.accessToken(AccountWriter.token(querySide,
                TestSystem.OPERATOR_ID, Deployment.OPERATOR_SECRET).join())).toList();
    }

    private static List<String> urls(List<Node> nodes) {
        return nodes.stream().map(Node::url).toList();
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
