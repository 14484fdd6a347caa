package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.serviceaccounts.command.serviceaccount.TokenViewFreshness;
import dev.serviceaccounts.query.token.ClientEndpointFilter;
import dev.serviceaccounts.query.token.QueryInstanceRegistration;
import dev.serviceaccounts.query.token.TokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.FreshnessProbe;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Token freshness (docs/token-freshness.md): once a command that changes an account's credentials or status is answered 2xx,
 * the very next token request sees it. Each round: the 2xx, then at once a token request with the old
 * credentials (refused) and one with the new (accepted on the first try: not only after the failure
 * delay's second look, which the {@value ClientEndpointFilter#ACCEPTED_AFTER_DELAY} counter would show).
 */
class FreshnessTests {

    static final int ROUNDS = 30;
    static final int THREADS = 8;

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @ParameterizedTest
    @EnumSource(FreshnessProbe.Command.class)
    void whenCommandAnsweredThenVeryNextTokenRequestSeesIt(FreshnessProbe.Command command) throws Exception {
        TestCompany company = api.company("Freshness " + UUID.randomUUID());
        double lateBefore = acceptedAfterDelay(system.apps().querySide());
        long waitsBefore = tokenViewWaits(system.apps().commandSide());
        double timeoutsBefore = tokenViewTimeouts(system.apps().commandSide());

        FreshnessProbe.Result result = new FreshnessProbe(api, api, company.operator(), company.id())
                .run(command, ROUNDS, THREADS);

        assertThat(tokenViewTimeouts(system.apps().commandSide()))
                .as("commands answered before the token views had them, after the whole bounded wait (20 s here): "
                        + "the machine is too loaded for this test to mean anything")
                .isEqualTo(timeoutsBefore);
        assertThat(result.stale()).as("stale answers of %s", command).isEmpty();
        assertThat(acceptedAfterDelay(system.apps().querySide())).as("new credentials accepted only after the delay")
                .isEqualTo(lateBefore);
        assertThat(tokenViewWaits(system.apps().commandSide()))
                .as("commands that waited for the token views (their events recorded on the shared event store)")
                .isGreaterThanOrEqualTo(waitsBefore + ROUNDS);
    }

    /**
     * The acknowledgement an instance writes for the command side says that its in-memory token view has the event:
     * while this instance's own processor is stopped, its other processors (the shared token-eligibility one, the
     * service-account view's) apply the command's event, and none of them may acknowledge it in the view's name, so
     * the command is not answered until the view has it.
     */
    @Test
    void whenOnlyOtherProcessorsAppliedTheEventThenTheInstanceDoesNotAcknowledgeIt() throws Exception {
        TestCompany company = api.company("Acknowledgements " + UUID.randomUUID());
        JsonNode account = company.account("ack-" + UUID.randomUUID());
        String accountId = account.get("id").asText();
        String clientId = account.get("clientId").asText();
        ConfigurableApplicationContext querySide = system.apps().querySide();
        TokenEligibilityView view = querySide.getBean(TokenEligibilityView.class);
        long created = view.find(clientId).orElseThrow().version();
        String acknowledgement = querySide.getBean(QueryInstanceRegistration.class).instanceId() + "/" + accountId;
        TrackingEventProcessor instanceProcessor = querySide.getBean(EventProcessingConfiguration.class)
                .eventProcessor(TokenEligibilityProjection.INSTANCE_PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            MongoDatabase database = client.getDatabase(TestSystem.DATABASE);
            instanceProcessor.shutDown();
            CompletableFuture<HttpResponse<String>> reset;
            try {
                reset = CompletableFuture.supplyAsync(() -> api.command("POST", "/companies/" + company.id()
                        + "/service-accounts/" + accountId + "/secret:reset", company.operator(), null));
                awaitStoredVersionAbove(database, clientId, created);

                assertThat(database.getCollection(TokenViewFreshness.ACKNOWLEDGEMENTS)
                        .find(new Document("_id", acknowledgement)).first().get("sequence", Number.class).longValue())
                        .as("acknowledged sequence while the view's own processor is stopped").isEqualTo(created);
                assertThat(reset).as("the reset is not answered before the view has it").isNotDone();
            } finally {
                instanceProcessor.start();
            }
            assertThat(reset.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(view.find(clientId).orElseThrow().version()).isGreaterThan(created);
        }
    }

    /** Waits until the shared processor has stored the account's entry past {@code version} (its collection). */
    private static void awaitStoredVersionAbove(MongoDatabase database, String clientId, long version) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Document entry = database.getCollection("token_eligibility").find(new Document("_id", clientId)).first();
            Document state = entry == null ? null : entry.get("account", Document.class);
            if (state != null && state.get("version", Number.class).longValue() > version) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError("the shared token-eligibility processor did not apply the reset within 20 s");
    }

    /** @return how many commands of this command side waited for the query side's token views */
    static long tokenViewWaits(ConfigurableApplicationContext commandSide) {
        return commandSide.getBean(MeterRegistry.class).timer(TokenViewFreshness.WAIT).count();
    }

    /** @return how many commands of this command side stopped waiting for the token views at the timeout */
    static double tokenViewTimeouts(ConfigurableApplicationContext commandSide) {
        return commandSide.getBean(MeterRegistry.class).counter(TokenViewFreshness.TIMEOUTS).count();
    }

    /** @return how many token requests this query side accepted only on the second look, after the failure delay */
    static double acceptedAfterDelay(ConfigurableApplicationContext querySide) {
        return querySide.getBean(MeterRegistry.class).counter(ClientEndpointFilter.ACCEPTED_AFTER_DELAY).count();
    }
}
