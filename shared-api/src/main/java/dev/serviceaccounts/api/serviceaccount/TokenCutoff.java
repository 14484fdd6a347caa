package dev.serviceaccounts.api.serviceaccount;

import java.time.Instant;
import java.util.Objects;

/**
 * "Tokens die with their credentials" (docs/design.md §4): each account has a cutoff before which its access
 * tokens no longer count. A secret reset, a deactivation and a deletion move it; a later re-grant or
 * reactivation never moves it back, so a token minted before any of them stays dead for its whole lifetime.
 * The one home of this rule for both sides.
 *
 * <p>The cutoff is two facts. {@code notBefore} is the event's time rounded up to the next whole second, since
 * a JWT's {@code iat} has whole seconds (RFC 7519 §2 NumericDate): a token minted earlier in that second has
 * an {@code iat} before it, and one minted later in it gets {@code iat = notBefore} ({@link #issuedAt}).
 * Time alone cannot tell a token minted in that second by a token view that had not yet applied the event
 * from one minted after it, so {@code fromVersion} is the sequence number of the event that moved the cutoff,
 * and every service-account token carries {@value #ACCOUNT_VERSION_CLAIM}: the sequence number of the last
 * event of its account that the minting view had applied. A token whose version is below {@code fromVersion}
 * was minted from a state before the event and is refused whatever its {@code iat}. A token without the claim
 * (minted before it existed) keeps the {@code iat} rule alone.
 *
 * @param notBefore   the earliest {@code iat} that still counts, in whole seconds
 * @param fromVersion sequence number of the reset, deactivation or deletion event that set this cutoff
 *                    (0 when unknown: then only {@code notBefore} decides)
 */
public record TokenCutoff(Instant notBefore, long fromVersion) {

    /**
     * Private claim (RFC 7519 §4.3) of a service account's access token: the sequence number (a JSON number) of
     * the last event of its account that the minting token-eligibility entry had applied. Operator tokens have none.
     */
    public static final String ACCOUNT_VERSION_CLAIM = "account_version";

    /** @throws NullPointerException when {@code notBefore} is null */
    public TokenCutoff {
        Objects.requireNonNull(notBefore, "notBefore");
    }

    /**
     * @param notBefore   a stored cutoff instant; null when the account never had one
     * @param fromVersion the stored sequence number that goes with it
     * @return the cutoff, or null when {@code notBefore} is null
     */
    public static TokenCutoff of(Instant notBefore, long fromVersion) {
        return notBefore == null ? null : new TokenCutoff(notBefore, fromVersion);
    }

    /**
     * @param current   the account's cutoff so far; null when it never had one
     * @param eventTime when the reset, deactivation or deletion happened (the event's timestamp)
     * @param sequence  that event's sequence number in its aggregate
     * @return the cutoff after the event: each fact the later of the current one and the event's, never back
     */
    public static TokenCutoff moved(TokenCutoff current, Instant eventTime, long sequence) {
        Instant instant = after(eventTime);
        if (current == null) {
            return new TokenCutoff(instant, sequence);
        }
        return new TokenCutoff(current.notBefore.isAfter(instant) ? current.notBefore : instant,
                Math.max(current.fromVersion, sequence));
    }

    /**
     * @param eventTime when the reset, deactivation or deletion happened (the event's timestamp)
     * @return the cutoff instant: {@code eventTime} rounded up to a whole second
     */
    public static Instant after(Instant eventTime) {
        Instant whole = Instant.ofEpochSecond(eventTime.getEpochSecond());
        return whole.equals(eventTime) ? whole : whole.plusSeconds(1);
    }

    /**
     * @param issuedAt       the token's {@code iat}
     * @param accountVersion the token's {@value #ACCOUNT_VERSION_CLAIM}; null when it has none
     * @param cutoff         the account's cutoff; null when it never had one
     * @return true when the token must be refused: its {@code iat} is before {@code notBefore}, or it carries a
     *         version below {@code fromVersion}
     */
    public static boolean revoked(Instant issuedAt, Long accountVersion, TokenCutoff cutoff) {
        if (cutoff == null) {
            return false;
        }
        return issuedAt == null || issuedAt.isBefore(cutoff.notBefore)
                || (accountVersion != null && accountVersion < cutoff.fromVersion);
    }

    /**
     * @param claim the value of the token's {@value #ACCOUNT_VERSION_CLAIM} claim, as a JWT library reads it
     * @return it as a long; null when absent or not a JSON number
     */
    public static Long accountVersion(Object claim) {
        return claim instanceof Number number ? number.longValue() : null;
    }

    /**
     * @param now    when the token is minted
     * @param cutoff the account's cutoff; null when it never had one
     * @return the {@code iat} to give the token: {@code now} in whole seconds, but never before
     *         {@code notBefore} (at most one second ahead of {@code now})
     */
    public static Instant issuedAt(Instant now, TokenCutoff cutoff) {
        Instant whole = Instant.ofEpochSecond(now.getEpochSecond());
        return cutoff != null && whole.isBefore(cutoff.notBefore) ? cutoff.notBefore : whole;
    }
}
