package dev.serviceaccounts.web.problem;

import dev.serviceaccounts.api.error.ErrorCode;

/**
 * The access policy ({@code web.security.CompanyAccessPolicy}) refused a caller: answered as problem+json with the code's status
 * (NOT_FOUND 404, FORBIDDEN 403, TOKEN_REVOKED 401 with the {@code invalid_token} challenge) by
 * {@link ProblemExceptionHandler}.
 */
public class AccessRefusedException extends RuntimeException {

    private final ErrorCode code;

    /**
     * @param code   why
     * @param detail the problem's {@code detail}
     */
    public AccessRefusedException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** @return why the caller was refused */
    public ErrorCode code() {
        return code;
    }
}
