package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import dev.serviceaccounts.standalone.support.ViewsAgainstStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/decisions.md D37: 8 threads send account commands for 20 s to two command-side instances, across many
 * accounts of two companies; then every view of every account equals the fold of its stored events. Slow: runs
 * with {@code mvn verify -Pslow} (and in CI), not in the default build.
 */
@Tag("slow")
class ConcurrentWritersTests {

    private static final Duration RUN = Duration.ofSeconds(20);
    private static final int THREADS = 8;
    private static final int ACCOUNTS_PER_COMPANY = 12;
    private static final Set<Integer> ANSWERS = Set.of(200, 201, 204, 409);

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenEightThreadsWriteForTwentySecondsToTwoCommandSidesThenEveryViewIsTheFoldOfTheStore() throws Exception {
        List<TestCompany> companies = List.of(api.company("Writers A " + UUID.randomUUID()),
                api.company("Writers B " + UUID.randomUUID()));
        List<Target> targets = new ArrayList<>();
        for (TestCompany company : companies) {
            for (int i = 0; i < ACCOUNTS_PER_COMPANY; i++) {
                targets.add(new Target(company, company.account("writer " + i)));
            }
        }
        int commands;
        try (ConfigurableApplicationContext second = system.apps().startAnotherCommandSide()) {
            List<String> instances = List.of(system.commandUrl(), ServiceAccountsSystem.url(second));
            Instant end = Instant.now().plus(RUN);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> writers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String instance = instances.get(t % instances.size());
                    writers.add(pool.submit(() -> write(instance, targets, end)));
                }
                commands = 0;
                for (Future<Integer> writer : writers) {
                    commands += writer.get();
                }
            } finally {
                pool.shutdown();
            }
        }

        assertThat(commands).isGreaterThan(THREADS);
        new ViewsAgainstStore(system.apps().querySide()).assertEveryViewIsTheFold(
                targets.stream().map(target -> target.account().get("id").asText()).toList(), Duration.ofSeconds(60));
    }

    /**
     * @return how many commands this writer sent until {@code end}; fails on any answer outside {@link #ANSWERS}
     *         but the 404 of removing a project the account is not a member of
     */
    private int write(String instance, List<Target> targets, Instant end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int sent = 0;
        while (Instant.now().isBefore(end)) {
            Target target = targets.get(random.nextInt(targets.size()));
            String path = "/api/v1" + target.company().path(target.account());
            HttpResponse<String> answer = switch (random.nextInt(8)) {
                case 0, 1, 2 -> send(instance, "PUT", path + "/permissions/company/"
                        + CompanyTool.values()[random.nextInt(CompanyTool.values().length)], target,
                        Map.of("level", PermissionLevel.values()[random.nextInt(PermissionLevel.values().length)]));
                case 3 -> send(instance, "PUT", path + "/projects/p-" + random.nextInt(3), target,
                        Map.of("permissions", Map.of("RFIS", "READ_ONLY")));
                case 4 -> send(instance, "PATCH", path, target, Map.of("name", "writer " + random.nextInt(1000)));
                case 5 -> send(instance, "POST", path + (random.nextBoolean() ? ":deactivate" : ":reactivate"),
                        target, null);
                case 6 -> send(instance, "POST", path + "/secret:reset", target, null);
                default -> send(instance, "DELETE", path + "/projects/p-" + random.nextInt(3), target, null);
            };
            boolean notAMember = answer.statusCode() == 404 && answer.body().contains("Project membership not found");
            if (!notAMember) {
                assertThat(answer.statusCode()).as(answer.body()).isIn(ANSWERS);
            }
            sent++;
        }
        return sent;
    }

    private HttpResponse<String> send(String instance, String method, String path, Target target, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance + path))
                .header("Authorization", "Bearer " + target.company().operator())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Api.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request);
    }

    private record Target(TestCompany company, JsonNode account) {
    }
}
