package dev.serviceaccounts.query.support;

import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** Decoded access tokens as the resource server hands them to controllers. */
public final class TestTokens {

    private TestTokens() {
    }

    /** @return the operator's token */
    public static Jwt operator() {
        return token(TestProperties.OPERATOR_ID, null);
    }

    /** @return the token of the account with {@code clientId} in {@code companyId} */
    public static Jwt of(TestServiceAccounts account) {
        return of(account, Instant.now());
    }

    /** @return the token of the account, issued at {@code issuedAt} (its {@code iat}) */
    public static Jwt of(TestServiceAccounts account, Instant issuedAt) {
        return token(account.clientId(), account.companyId(), issuedAt);
    }

    /** @return the token of the account, issued at {@code issuedAt}, minted from its view at {@code accountVersion} */
    public static Jwt of(TestServiceAccounts account, Instant issuedAt, long accountVersion) {
        return Jwt.withTokenValue("test-token").header("alg", "ES256").header("typ", "at+jwt")
                .subject(account.clientId()).claim("client_id", account.clientId())
                .claim("company_id", account.companyId()).claim("account_version", accountVersion)
                .jti(UUID.randomUUID().toString()).issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(60)).build();
    }

    private static Jwt token(String clientId, String companyId) {
        return token(clientId, companyId, Instant.now());
    }

    private static Jwt token(String clientId, String companyId, Instant now) {
        Jwt.Builder builder = Jwt.withTokenValue("test-token").header("alg", "ES256").header("typ", "at+jwt")
                .subject(clientId).claim("client_id", clientId).jti(UUID.randomUUID().toString()).issuedAt(now).expiresAt(now.plusSeconds(60));
        return companyId == null ? builder.build() : builder.claim("company_id", companyId).build();
    }
}
