package dev.serviceaccounts.api.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCutoffTests {

    private static final Instant RESET = Instant.parse("2026-11-29T12:00:00.500Z");
    private static final long RESET_SEQUENCE = 7;
    private static final TokenCutoff CUTOFF = TokenCutoff.moved(null, RESET, RESET_SEQUENCE);

    @Test
    void afterWhenEventInsideASecondThenNextWholeSecond() {
        assertThat(TokenCutoff.after(RESET)).isEqualTo(Instant.parse("2026-11-29T12:00:01Z"));
        assertThat(TokenCutoff.after(Instant.parse("2026-11-29T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void whenMovedThenNotBeforeIsTheEventRoundedUpAndFromVersionItsSequence() {
        assertThat(CUTOFF).isEqualTo(new TokenCutoff(Instant.parse("2026-11-29T12:00:01Z"), RESET_SEQUENCE));
    }

    @Test
    void whenMovedByAnOlderEventThenNeitherFactMovesBack() {
        TokenCutoff later = TokenCutoff.moved(CUTOFF, RESET.plusSeconds(10), 9);
        assertThat(TokenCutoff.moved(later, RESET, RESET_SEQUENCE)).isEqualTo(later);
    }

    @Test
    void revokedWhenTokenMintedEarlierInTheSameSecondThenTrue() {
        Instant iatOfTokenMintedAt400ms = Instant.parse("2026-11-29T12:00:00Z");
        assertThat(TokenCutoff.revoked(iatOfTokenMintedAt400ms, null, CUTOFF)).isTrue();
        assertThat(TokenCutoff.revoked(iatOfTokenMintedAt400ms, RESET_SEQUENCE, CUTOFF)).isTrue();
    }

    @Test
    void whenVersionBelowFromVersionThenRevokedEvenWithIatAtNotBefore() {
        assertThat(TokenCutoff.revoked(CUTOFF.notBefore(), RESET_SEQUENCE - 1, CUTOFF)).isTrue();
        assertThat(TokenCutoff.revoked(CUTOFF.notBefore().plusSeconds(60), RESET_SEQUENCE - 1, CUTOFF)).isTrue();
    }

    @Test
    void whenVersionAtOrAboveFromVersionAndIatNotBeforeCutoffThenNotRevoked() {
        assertThat(TokenCutoff.revoked(CUTOFF.notBefore(), RESET_SEQUENCE, CUTOFF)).isFalse();
        assertThat(TokenCutoff.revoked(CUTOFF.notBefore().plusSeconds(1), RESET_SEQUENCE + 3, CUTOFF)).isFalse();
    }

    @Test
    void whenNoVersionThenOnlyTheIatDecides() {
        assertThat(TokenCutoff.revoked(CUTOFF.notBefore(), null, CUTOFF)).isFalse();
        assertThat(TokenCutoff.revoked(CUTOFF.notBefore().minusSeconds(1), null, CUTOFF)).isTrue();
    }

    @Test
    void issuedAtWhenMintedAfterTheEventInTheSameSecondThenCutoffAndNotRevoked() {
        Instant iat = TokenCutoff.issuedAt(Instant.parse("2026-11-29T12:00:00.700Z"), CUTOFF);
        assertThat(iat).isEqualTo(CUTOFF.notBefore());
        assertThat(TokenCutoff.revoked(iat, RESET_SEQUENCE, CUTOFF)).isFalse();
    }

    @Test
    void issuedAtWhenLaterSecondThenNowTruncated() {
        assertThat(TokenCutoff.issuedAt(Instant.parse("2026-11-29T12:00:05.900Z"), CUTOFF))
                .isEqualTo(Instant.parse("2026-11-29T12:00:05Z"));
        assertThat(TokenCutoff.issuedAt(Instant.parse("2026-11-29T12:00:05.900Z"), null))
                .isEqualTo(Instant.parse("2026-11-29T12:00:05Z"));
    }

    @Test
    void revokedWhenNoCutoffThenFalseAndWhenNoIatThenTrue() {
        assertThat(TokenCutoff.revoked(Instant.EPOCH, 0L, null)).isFalse();
        assertThat(TokenCutoff.revoked(null, null, CUTOFF)).isTrue();
    }

    @Test
    void whenAccountVersionClaimIsANumberThenLongElseNull() {
        assertThat(TokenCutoff.accountVersion(12)).isEqualTo(12L);
        assertThat(TokenCutoff.accountVersion(12L)).isEqualTo(12L);
        assertThat(TokenCutoff.accountVersion(null)).isNull();
        assertThat(TokenCutoff.accountVersion("12")).isNull();
    }

    @Test
    void whenStoredCutoffAbsentThenNull() {
        assertThat(TokenCutoff.of(null, 0)).isNull();
        assertThat(TokenCutoff.of(CUTOFF.notBefore(), RESET_SEQUENCE)).isEqualTo(CUTOFF);
    }
}
