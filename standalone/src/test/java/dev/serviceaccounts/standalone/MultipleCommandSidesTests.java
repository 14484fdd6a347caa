package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/design.md §2: two command-side instances on one MongoDB. Commands on one account sent to both at once
 * race on the event store's unique (aggregate id, sequence) index; the loser is retried against the new
 * state, so every grant is applied and none is lost.
 */
class MultipleCommandSidesTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void grantsWhenSentToTwoInstancesAtOnceThenAllApplied() throws Exception {
        TestCompany company = api.company("Two instances " + UUID.randomUUID());
        JsonNode account = company.account("raced");
        CompanyTool[] tools = CompanyTool.values();
        try (ConfigurableApplicationContext second = system.apps().startAnotherCommandSide()) {
            List<String> instances = List.of(system.commandUrl(), ServiceAccountsSystem.url(second));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(tools.length);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            try {
                for (int i = 0; i < tools.length; i++) {
                    String url = instances.get(i % 2) + "/api/v1" + company.path(account)
                            + "/permissions/company/" + tools[i].name();
                    responses.add(pool.submit(() -> {
                        start.await();
                        return api.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + company.operator())
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(Api.write(Map.of("level", "READ_ONLY")))));
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<String>> response : responses) {
                    HttpResponse<String> answer = response.get();
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
        }
        JsonNode view = api.awaitQuery(company.operator(), "/api/v1" + company.path(account),
                v -> v.get("permissions").size() == tools.length, Duration.ofSeconds(10));
        assertThat(view.get("version").asLong()).isEqualTo(tools.length);
    }

}
