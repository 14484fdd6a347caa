package dev.serviceaccounts.web.security;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Makes the {@link Caller} of a verified access token once per request, as the resource server's JWT
 * authentication converter ({@link ApiSecurity}): the operator is the token whose {@code client_id} is the
 * configured operator client id; any other caller is a service account of the token's {@code company_id}.
 * A token without a {@code client_id}, or with a malformed {@code company_id}, is refused as
 * {@link InvalidBearerTokenException}: 401 problem+json with the RFC 6750 {@code invalid_token} challenge.
 */
public final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String operatorClientId;

    /** @param operatorClientId {@code service-accounts.operator-client-id} */
    public CallerAuthenticationConverter(String operatorClientId) {
        this.operatorClientId = operatorClientId;
    }

    /** @throws InvalidBearerTokenException when the token names no caller */
    @Override
    public CallerAuthentication convert(Jwt token) {
        String clientId = token.getClaimAsString("client_id");
        if (clientId == null || clientId.isBlank()) {
            throw new InvalidBearerTokenException("The access token has no client_id");
        }
        boolean operator = operatorClientId.equals(clientId);
        Optional<CompanyId> companyId;
        try {
            companyId = operator ? Optional.empty()
                    : Optional.ofNullable(token.getClaimAsString("company_id")).map(CompanyId::new);
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("The access token's company_id is not a company id");
        }
        Long accountVersion = TokenCutoff.accountVersion(token.getClaim(TokenCutoff.ACCOUNT_VERSION_CLAIM));
        return new CallerAuthentication(token,
                new Caller(clientId, companyId, operator, token.getIssuedAt(), accountVersion, token.getId()));
    }
}
