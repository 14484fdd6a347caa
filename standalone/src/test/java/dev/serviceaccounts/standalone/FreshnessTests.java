package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.command.serviceaccount.TokenViewFreshness;
import dev.serviceaccounts.query.token.ClientEndpointFilter;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.FreshnessProbe;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
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
