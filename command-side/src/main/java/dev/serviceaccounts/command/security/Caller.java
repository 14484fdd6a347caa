package dev.serviceaccounts.command.security;

import dev.serviceaccounts.api.company.CompanyId;
import java.util.Optional;

/**
 * Who sent a request, from its verified access token.
 *
 * @param clientId  the token's {@code client_id}
 * @param companyId the token's {@code company_id}; empty for the operator
 * @param operator  true for the built-in platform operator (DESIGN §4)
 */
public record Caller(String clientId, Optional<CompanyId> companyId, boolean operator) {

    /** Actor recorded in event metadata (DESIGN §4). */
    public static final String OPERATOR_ACTOR = "operator";

    /** @return {@code "operator"} or the caller's {@code client_id}, as recorded in event metadata */
    public String actor() {
        return operator ? OPERATOR_ACTOR : clientId;
    }
}
