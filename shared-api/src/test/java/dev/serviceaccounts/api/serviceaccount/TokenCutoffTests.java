package dev.serviceaccounts.api.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCutoffTests {

    private static final Instant RESET = Instant.parse("2026-11-29T12:00:00.500Z");

    @Test
    void afterWhenEventInsideASecondThenNextWholeSecond() {
        assertThat(TokenCutoff.after(RESET)).isEqualTo(Instant.parse("2026-11-29T12:00:01Z"));
        assertThat(TokenCutoff.after(Instant.parse("2026-11-29T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void revokedWhenTokenMintedEarlierInTheSameSecondThenTrue() {
        Instant iatOfTokenMintedAt400ms = Instant.parse("2026-11-29T12:00:00Z");
        assertThat(TokenCutoff.revoked(iatOfTokenMintedAt400ms, TokenCutoff.after(RESET))).isTrue();
    }

    @Test
    void issuedAtWhenMintedAfterTheEventInTheSameSecondThenCutoffAndNotRevoked() {
        Instant cutoff = TokenCutoff.after(RESET);
        Instant iat = TokenCutoff.issuedAt(Instant.parse("2026-11-29T12:00:00.700Z"), cutoff);
        assertThat(iat).isEqualTo(cutoff);
        assertThat(TokenCutoff.revoked(iat, cutoff)).isFalse();
    }

    @Test
    void issuedAtWhenLaterSecondThenNowTruncated() {
        Instant cutoff = TokenCutoff.after(RESET);
        assertThat(TokenCutoff.issuedAt(Instant.parse("2026-11-29T12:00:05.900Z"), cutoff))
                .isEqualTo(Instant.parse("2026-11-29T12:00:05Z"));
        assertThat(TokenCutoff.issuedAt(Instant.parse("2026-11-29T12:00:05.900Z"), null))
                .isEqualTo(Instant.parse("2026-11-29T12:00:05Z"));
    }

    @Test
    void revokedWhenNoCutoffThenFalseAndWhenNoIatThenTrue() {
        assertThat(TokenCutoff.revoked(Instant.EPOCH, null)).isFalse();
        assertThat(TokenCutoff.revoked(null, TokenCutoff.after(RESET))).isTrue();
    }
}
