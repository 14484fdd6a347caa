package dev.serviceaccounts.query.web;

/**
 * A verified access token that no longer counts: issued before its account's secret was last reset, or
 * before the account was deactivated or deleted (docs/design.md §4). Answered 401 {@code TOKEN_REVOKED}.
 */
public class RevokedTokenException extends RuntimeException {

    public RevokedTokenException() {
        super("This access token was issued before the account's secret was last reset, or before it was "
                + "deactivated or deleted; it never counts again. Get a new token from POST /oauth/token.",
                null, false, false);
    }
}
