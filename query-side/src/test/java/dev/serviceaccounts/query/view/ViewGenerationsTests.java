package dev.serviceaccounts.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which collection a view is read from: the first until a rebuild switches it, here at once, elsewhere within a refresh. */
class ViewGenerationsTests {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final ViewGenerations here = new ViewGenerations(mongo.template(), clock);
    private final ViewGenerations elsewhere = new ViewGenerations(mongo.template(), clock);

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void whenNeverRebuiltThenTheFirstCollection() {
        assertThat(here.collection("service-accounts-view", "service_accounts")).isEqualTo("service_accounts");
    }

    @Test
    void whenSwitchedThenThisInstanceReadsTheNewCollectionAtOnceAndAnotherWithinARefresh() {
        assertThat(elsewhere.collection("service-accounts-view", "service_accounts")).isEqualTo("service_accounts");

        here.switchTo("service-accounts-view", "service_accounts_r1");

        assertThat(here.collection("service-accounts-view", "service_accounts")).isEqualTo("service_accounts_r1");
        assertThat(elsewhere.collection("service-accounts-view", "service_accounts")).isEqualTo("service_accounts");
        clock.advance(ViewGenerations.REFRESH);
        assertThat(elsewhere.collection("service-accounts-view", "service_accounts")).isEqualTo("service_accounts_r1");
        assertThat(new ViewGenerations(mongo.template(), clock).collection("service-accounts-view", "service_accounts"))
                .as("after a restart").isEqualTo("service_accounts_r1");
        assertThat(here.collection("token-eligibility-state", "token_eligibility")).isEqualTo("token_eligibility");
        clock.advance(Duration.ofMinutes(1));
        assertThat(here.collection("service-accounts-view", "service_accounts")).isEqualTo("service_accounts_r1");
    }
}
