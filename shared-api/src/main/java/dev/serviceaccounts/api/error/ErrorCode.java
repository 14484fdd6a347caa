package dev.serviceaccounts.api.error;

/**
 * Business error codes carried across the command bus and mapped, in one place per app, to an HTTP
 * status and an RFC 9457 problem type ({@code urn:service-accounts:problem:<code in kebab case>}).
 */
public enum ErrorCode {
    /** A field is missing or invalid: 400. */
    INVALID_FIELD(400),
    /**
     * The access token was issued before its account's secret was last reset, or before the account was
     * deactivated or deleted (docs/design.md §4 "Tokens die with their credentials"): 401, get a new token.
     */
    TOKEN_REVOKED(401),
    /** The request as a whole is malformed (rejected before any endpoint read it): 400. */
    MALFORMED_REQUEST(400),
    /** No or an invalid bearer access token: 401, with an RFC 6750 {@code WWW-Authenticate: Bearer} challenge. */
    UNAUTHORIZED(401),
    /** The endpoint exists, but not for this HTTP method: 405, with {@code Allow}. */
    METHOD_NOT_ALLOWED(405),
    /** The endpoint cannot answer in any media type that {@code Accept} names: 406. */
    NOT_ACCEPTABLE(406),
    /** The body's {@code Content-Type} is missing or not one the endpoint reads ({@code application/json}): 415. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The server failed; the request may be fine: 500. */
    INTERNAL_ERROR(500),
    /** The id is unknown, or belongs to a company the caller cannot see: 404 (never 403, docs/design.md §4). */
    NOT_FOUND(404),
    /** The caller is in the company but lacks the tool level the action needs: 403. */
    FORBIDDEN(403),
    /**
     * The caller asked for a credential (create, reset, rotate) of an account that holds, at company or
     * project level, a permission the caller does not hold (docs/design.md §4): 403.
     */
    CREDENTIAL_EXCEEDS_CALLER(403),
    /** The aggregate already exists (id reused): 409. */
    ALREADY_EXISTS(409),
    /** A marketplace app with that id is already registered (docs/decisions.md D48): 409. */
    MARKETPLACE_APP_EXISTS(409),
    /** The account is DELETED and accepts no command (docs/design.md §3 invariant 7): 409. */
    ACCOUNT_DELETED(409),
    /** Another command changed the same aggregate at the same time: 409, retry. */
    CONCURRENT_MODIFICATION(409),
    /** The email is already used by another contact of that company directory (docs/design.md §3 invariant 3): 409. */
    EMAIL_TAKEN(409),
    /**
     * Changing a service account's contact email breaks the account (docs/design.md §3 invariant 2): 409 unless
     * acknowledged with {@code acknowledgeBreaksServiceAccount: true}.
     */
    SERVICE_ACCOUNT_EMAIL_FIXED(409),
    /**
     * Adding a service account's contact to a second company directory breaks the account (docs/design.md §3
     * invariant 1): 409 unless acknowledged with {@code acknowledgeBreaksServiceAccount: true}.
     */
    SERVICE_ACCOUNT_SINGLE_DIRECTORY(409),
    /** A service account's contact never leaves its home company directory (delete the account instead): 409. */
    SERVICE_ACCOUNT_HOME_DIRECTORY(409),
    /** A rotated-out secret is still in its grace period; at most two secrets are active: 409. */
    SECRET_ROTATION_IN_PROGRESS(409),
    /** A person is in at least one company directory (docs/design.md §3): the last one cannot be left: 409. */
    CONTACT_LAST_DIRECTORY(409),
    /**
     * A view's rebuild was asked of a query-side instance that does not process every segment of the view's
     * processor (docs/decisions.md D39): 409; ask the instance whose segments are all {@code claimedHere}.
     */
    SEGMENTS_ELSEWHERE(409);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status code this error is answered with */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code of an error known only by its HTTP status, as the servlet container or the web framework
     * raises it (an unknown path, a wrong method or media type, a request rejected before any endpoint).
     *
     * @return the code of that status; {@link #MALFORMED_REQUEST} for another 4xx, and for 501 and 505, which only the
     *         servlet container answers, before any endpoint, to a request's transfer coding or HTTP version that it
     *         does not implement (RFC 9112 §6.1, RFC 9110 §15.6.6: the request's fault, not the server's);
     *         {@link #INTERNAL_ERROR} for another 5xx
     */
    public static ErrorCode forHttpStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 501, 505 -> MALFORMED_REQUEST;
            default -> status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL_ERROR;
        };
    }

    /** @return the RFC 9457 {@code type} URI of this error */
    public String problemType() {
        return "urn:service-accounts:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
