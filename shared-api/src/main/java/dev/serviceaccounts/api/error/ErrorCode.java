package dev.serviceaccounts.api.error;

/**
 * Business error codes carried across the command bus and mapped, in one place per app, to an HTTP
 * status and an RFC 9457 problem type ({@code urn:service-accounts:problem:<code in kebab case>}).
 */
public enum ErrorCode {
    /** A field is missing or invalid: 400. */
    INVALID_FIELD(400),
    /** The id is unknown, or belongs to a company the caller cannot see: 404 (never 403, DESIGN §4). */
    NOT_FOUND(404),
    /** The caller is in the company but lacks the tool level the action needs: 403. */
    FORBIDDEN(403),
    /** The aggregate already exists (id reused): 409. */
    ALREADY_EXISTS(409),
    /** The account is DELETED and accepts no command (DESIGN §3 invariant 7): 409. */
    ACCOUNT_DELETED(409),
    /** Another command changed the same aggregate at the same time: 409, retry. */
    CONCURRENT_MODIFICATION(409);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status code this error is answered with */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the RFC 9457 {@code type} URI of this error */
    public String problemType() {
        return "urn:service-accounts:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
