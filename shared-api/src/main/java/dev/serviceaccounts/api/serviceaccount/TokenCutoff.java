package dev.serviceaccounts.api.serviceaccount;

import java.time.Instant;

/**
 * "Tokens die with their credentials" (docs/design.md §4): each account has a cutoff, the instant before which
 * its access tokens no longer count. A secret reset, a deactivation and a deletion move it to the time of
 * their event; a later re-grant or reactivation never moves it back, so a token minted before any of
 * them stays dead for its whole lifetime. The one home of this rule for both sides.
 *
 * <p>A JWT's {@code iat} has whole seconds (RFC 7519 §2 NumericDate), so the cutoff is the event's time
 * rounded up to the next whole second: a token minted earlier in that same second has an {@code iat}
 * before it. A token minted after the event but in that same second gets the cutoff as its {@code iat}
 * ({@link #issuedAt}), so it is never refused.
 */
public final class TokenCutoff {

    private TokenCutoff() {
    }

    /**
     * @param eventTime when the reset, deactivation or deletion happened (the event's timestamp)
     * @return the new cutoff: {@code eventTime} rounded up to a whole second
     */
    public static Instant after(Instant eventTime) {
        Instant whole = Instant.ofEpochSecond(eventTime.getEpochSecond());
        return whole.equals(eventTime) ? whole : whole.plusSeconds(1);
    }

    /**
     * @param issuedAt the token's {@code iat}
     * @param cutoff   the account's cutoff; null when it never had one
     * @return true when the token was minted before the cutoff and must be refused
     */
    public static boolean revoked(Instant issuedAt, Instant cutoff) {
        return cutoff != null && (issuedAt == null || issuedAt.isBefore(cutoff));
    }

    /**
     * @param now    when the token is minted
     * @param cutoff the account's cutoff; null when it never had one
     * @return the {@code iat} to give the token: {@code now} in whole seconds, but never before the cutoff
     *         (at most one second ahead of {@code now})
     */
    public static Instant issuedAt(Instant now, Instant cutoff) {
        Instant whole = Instant.ofEpochSecond(now.getEpochSecond());
        return cutoff != null && whole.isBefore(cutoff) ? cutoff : whole;
    }
}
