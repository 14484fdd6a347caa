package dev.serviceaccounts.command.security;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.permission.CallerRights;
import java.util.Optional;

/**
 * Who sent a request, from its verified access token.
 *
 * @param clientId  the token's {@code client_id}
 * @param companyId the token's {@code company_id}; empty for the operator
 * @param operator  true for the built-in platform operator (docs/design.md §4)
 * @param rights    what the caller holds, read from its own aggregate, for the commands that hand out a
 *                  credential (docs/design.md §4); everything for the operator, nothing until read
 */
public record Caller(String clientId, Optional<CompanyId> companyId, boolean operator, CallerRights rights) {

    /** Actor recorded in event metadata (docs/design.md §4). */
    public static final String OPERATOR_ACTOR = "operator";

    /** @return {@code "operator"} or the caller's {@code client_id}, as recorded in event metadata */
    public String actor() {
        return operator ? OPERATOR_ACTOR : clientId;
    }

    /** @return this caller holding {@code newRights} */
    Caller withRights(CallerRights newRights) {
        return new Caller(clientId, companyId, operator, newRights);
    }
}
