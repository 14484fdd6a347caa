package dev.serviceaccounts.web.security;

import dev.serviceaccounts.api.id.CompanyId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request: the principal of every authenticated request of both apps, made once from its verified
 * access token by {@link CallerAuthenticationConverter}. Controllers take it as
 * {@code @AuthenticationPrincipal Caller}; what it may do is {@link CompanyAccessPolicy}'s to say.
 *
 * @param clientId       the token's {@code client_id}
 * @param companyId      the token's {@code company_id}; empty for the operator
 * @param operator       true for the built-in platform operator (docs/design.md §4)
 * @param issuedAt       the token's {@code iat}
 * @param accountVersion the token's {@code account_version} claim, null when it has none
 *                       ({@link dev.serviceaccounts.api.serviceaccount.TokenCutoff})
 * @param tokenId        the token's {@code jti}, by which it is revoked ({@link RevokedTokens})
 */
public record Caller(String clientId, Optional<CompanyId> companyId, boolean operator, Instant issuedAt,
                     Long accountVersion, String tokenId) {

    /** Actor recorded in event metadata for the operator (docs/design.md §4). */
    public static final String OPERATOR_ACTOR = "operator";

    public Caller {
        Objects.requireNonNull(clientId, "clientId");
        companyId = companyId == null ? Optional.empty() : companyId;
    }

    /** @return {@code "operator"} or the caller's {@code client_id}, as recorded in event metadata */
    public String actor() {
        return operator ? OPERATOR_ACTOR : clientId;
    }
}
