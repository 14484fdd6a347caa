package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CREATED_AT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.SECRET;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.granted;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.DeactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ReactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md §4 "Tokens die with their credentials": the account's token cutoff moves to the time of a reset,
 * a deactivation or a deletion, rounded up to a whole second, and to that event's sequence number; a later
 * reactivation, grant or rotation never moves it back.
 */
class TokenValidityTests {

    /** Half a second into a second, so that rounding up shows. */
    private static final Instant EVENT_AT = Instant.parse("2026-11-30T08:00:00.500Z");
    private static final Instant CUTOFF = Instant.parse("2026-11-30T08:00:01Z");
    private static final Instant LATER = EVENT_AT.plus(Duration.ofHours(1));

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    @Test
    void createdWhenNothingElseHappenedThenNoCutoff() {
        fixture.givenCurrentTime(CREATED_AT)
                .andGiven(TestServiceAccounts.custom().created())
                .when(grant())
                .expectState(account -> {
                    assertThat(account.rights().tokenCutoff()).isNull();
                    assertThat(TokenCutoff.revoked(CREATED_AT, null, account.rights().tokenCutoff())).isFalse();
                });
    }

    @Test
    void resetWhenDoneThenCutoffIsTheResetRoundedUpToAWholeSecond() {
        fixture.givenCurrentTime(CREATED_AT)
                .andGiven(TestServiceAccounts.custom().created())
                .andGivenCurrentTime(EVENT_AT)
                .when(new ResetClientSecretCommand(ID, COMPANY, secret("secret-2", EVENT_AT), CallerRights.OPERATOR))
                .expectState(account -> {
                    assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(CUTOFF);
                    assertThat(TokenCutoff.revoked(CUTOFF.minusSeconds(1), null, account.rights().tokenCutoff()))
                            .as("a token minted earlier in the reset's second").isTrue();
                    assertThat(TokenCutoff.revoked(CUTOFF, null, account.rights().tokenCutoff())).isFalse();
                    assertThat(account.rights().tokenCutoff().fromVersion()).as("the reset's sequence number").isEqualTo(1);
                    assertThat(TokenCutoff.revoked(CUTOFF, 0L, account.rights().tokenCutoff()))
                            .as("minted in the reset's second from the state before it").isTrue();
                    assertThat(TokenCutoff.revoked(CUTOFF, 1L, account.rights().tokenCutoff())).isFalse();
                });
    }

    @Test
    void deactivateWhenDoneThenCutoffMoved() {
        fixture.givenCurrentTime(CREATED_AT)
                .andGiven(TestServiceAccounts.custom().created())
                .andGivenCurrentTime(EVENT_AT)
                .when(new DeactivateServiceAccountCommand(ID, COMPANY))
                .expectState(account -> assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(CUTOFF));
    }

    @Test
    void deleteWhenDoneThenCutoffMoved() {
        fixture.givenCurrentTime(CREATED_AT)
                .andGiven(TestServiceAccounts.custom().created())
                .andGivenCurrentTime(EVENT_AT)
                .when(new DeleteServiceAccountCommand(ID, COMPANY))
                .expectState(account -> assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(CUTOFF));
    }

    @Test
    void reactivateWhenLaterThenCutoffNotMovedBack() {
        fixture.givenCurrentTime(EVENT_AT)
                .andGiven(TestServiceAccounts.custom().created(), new ServiceAccountDeactivatedEvent(ID, COMPANY))
                .andGivenCurrentTime(LATER)
                .when(new ReactivateServiceAccountCommand(ID, COMPANY))
                .expectState(account -> {
                    assertThat(account.rights().functional()).isTrue();
                    assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(CUTOFF);
                    assertThat(TokenCutoff.revoked(EVENT_AT, null, account.rights().tokenCutoff())).isTrue();
                    assertThat(account.rights().tokenCutoff().fromVersion()).as("the deactivation's, not moved back")
                            .isEqualTo(1);
                    assertThat(TokenCutoff.revoked(CUTOFF, 0L, account.rights().tokenCutoff())).isTrue();
                });
    }

    @Test
    void grantWhenAfterAResetThenCutoffKept() {
        fixture.givenCurrentTime(EVENT_AT)
                .andGiven(TestServiceAccounts.custom().created(), reset())
                .andGivenCurrentTime(LATER)
                .when(grant())
                .expectState(account -> {
                    assertThat(account.rights().effectiveLevel(CompanyTool.ADMIN)).isEqualTo(PermissionLevel.ADMIN);
                    assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(CUTOFF);
                });
    }

    @Test
    void rotateWhenAfterAResetThenCutoffKept() {
        fixture.givenCurrentTime(EVENT_AT)
                .andGiven(TestServiceAccounts.custom().created(), reset(), granted(CompanyTool.DOCUMENTS, PermissionLevel.READ_ONLY))
                .andGivenCurrentTime(LATER)
                .when(new RotateClientSecretCommand(ID, COMPANY, secret("secret-3", LATER), LATER.plusSeconds(60),
                        CallerRights.OPERATOR))
                .expectState(account -> assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(CUTOFF));
    }

    @Test
    void resetWhenAgainLaterThenCutoffMovedForward() {
        fixture.givenCurrentTime(EVENT_AT)
                .andGiven(TestServiceAccounts.custom().created(), reset())
                .andGivenCurrentTime(LATER)
                .when(new ResetClientSecretCommand(ID, COMPANY, secret("secret-3", LATER), CallerRights.OPERATOR))
                .expectState(account -> {
                    assertThat(account.rights().tokenCutoff().notBefore()).isEqualTo(LATER.plusMillis(500));
                    assertThat(account.rights().tokenCutoff().fromVersion()).isEqualTo(2);
                });
    }

    private static GrantCompanyPermissionCommand grant() {
        return new GrantCompanyPermissionCommand(ID, COMPANY, CompanyTool.ADMIN, PermissionLevel.ADMIN);
    }

    private static ClientSecretResetEvent reset() {
        return new ClientSecretResetEvent(ID, COMPANY, secret("secret-2", EVENT_AT), List.of(SECRET.secretId()),
                CompanyPermissions.NONE, List.of());
    }
}
