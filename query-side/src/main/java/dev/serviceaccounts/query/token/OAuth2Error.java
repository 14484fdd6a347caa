package dev.serviceaccounts.query.token;

/**
 * An RFC 6749 §5.2 error response: {@code error} code, a fixed {@code error_description} and the HTTP
 * status it is sent with.
 */
public record OAuth2Error(String error, String description, int status) {

    /** §5.2: missing, repeated or malformed parameter, or more than one client authentication method. */
    public static OAuth2Error invalidRequest(String description) {
        return new OAuth2Error("invalid_request", description, 400);
    }

    /** §5.2: client authentication failed; one description for every reason (no client enumeration). */
    public static final OAuth2Error INVALID_CLIENT = new OAuth2Error("invalid_client", "Client authentication failed", 401);

    /** §5.2: the grant type is not supported by this server. */
    public static final OAuth2Error UNSUPPORTED_GRANT_TYPE = new OAuth2Error("unsupported_grant_type",
            "Only grant_type=client_credentials is supported", 400);

    /** §5.2 / §3.3: scopes are not supported yet, so any non-empty scope is invalid. */
    public static final OAuth2Error INVALID_SCOPE = new OAuth2Error("invalid_scope",
            "Scopes are not supported; omit the scope parameter", 400);

    /**
     * Too many failed client authentications for the presented {@code client_id} or from this address: sent with
     * 429 and {@code Retry-After}. RFC 6749 defines no error for 429; this keeps §5.2's JSON shape, which OAuth
     * client libraries read, with {@code temporarily_unavailable}, the registered code (RFC 6749 §4.1.2.1, §11.4)
     * that means "try again later" and says nothing about the credentials (docs/decisions.md D25).
     */
    public static final OAuth2Error TOO_MANY_FAILURES = new OAuth2Error("temporarily_unavailable",
            "Too many failed client authentications; retry after the number of seconds in Retry-After", 429);

    /** Thrown by the request converters; caught by the token endpoint. */
    public static final class Exception extends RuntimeException {

        private final transient OAuth2Error error;

        public Exception(OAuth2Error error) {
            super(error.error() + ": " + error.description(), null, false, false);
            this.error = error;
        }

        /** @return the error to answer with */
        public OAuth2Error error() {
            return error;
        }
    }
}
