package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import dev.serviceaccounts.query.serviceaccount.AccountCondition;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One entry of the token-eligibility view: what the token endpoint needs to authenticate a client and
 * mint its token, without touching the event store. Whether the account is functional is derived by
 * {@link AccountCondition}, as in the service-account view.
 *
 * @param secrets        hashes of the active secrets (at most two; a rotated-out one carries its {@code expiresAt})
 * @param permissions    the account's company tool levels
 * @param email          the contact's current email
 * @param generatedEmail the contact email generated with the account
 * @param directoryIds   the company directories the contact is in
 * @param version        sequence number of the account's last applied event
 * @param tokensValidAfter the account's {@link TokenCutoff}: a token minted now gets an {@code iat} no earlier
 *                       than this; null when never moved
 * @param tokensValidFromVersion the cutoff's {@code fromVersion}: sequence number of the event that moved it;
 *                       0 when never moved
 */
public record EligibleClient(@Id String clientId, String serviceAccountId, String companyId, AccountStatus status,
                             List<HashedSecret> secrets, CompanyPermissions permissions, String email,
                             String generatedEmail, List<String> directoryIds, long version,
                             Instant tokensValidAfter, long tokensValidFromVersion) {

    /** Entries stored before the contact fields existed read as "home directory only, email unchanged". */
    public EligibleClient {
        secrets = List.copyOf(secrets);
        permissions = permissions == null ? CompanyPermissions.NONE : permissions;
        directoryIds = directoryIds == null ? List.of(companyId) : List.copyOf(directoryIds);
    }

    /** @return the facts that decide whether the account works */
    public AccountCondition condition() {
        return new AccountCondition(status, email, generatedEmail, companyId, directoryIds);
    }

    /** @return true when a token may be issued: ACTIVE, email unchanged, contact in its home directory only */
    public boolean functional() {
        return condition().functional();
    }

    /** @return the first reason the account is not functional (for metrics); null when it is functional */
    public UnusableReason refusal() {
        return condition().reasons(true).stream().findFirst().orElse(null);
    }

    /**
     * Checks the secret against every active secret, always all of them, each in constant time.
     *
     * @param encoder the client-secret encoder that wrote the hashes
     * @return true when {@code candidate} is one of this client's secrets still valid at {@code now}
     */
    public boolean secretMatches(PasswordEncoder encoder, String candidate, Instant now) {
        boolean matched = false;
        for (HashedSecret secret : secrets) {
            matched |= encoder.matches(candidate, secret.hash()) && secret.activeAt(now);
        }
        return matched;
    }

    EligibleClient withStatus(AccountStatus newStatus, long newVersion) {
        return new EligibleClient(clientId, serviceAccountId, companyId, newStatus, secrets, permissions, email,
                generatedEmail, directoryIds, newVersion, tokensValidAfter,
                tokensValidFromVersion);
    }

    EligibleClient withSecrets(List<HashedSecret> newSecrets, CompanyPermissions newPermissions, long newVersion) {
        return new EligibleClient(clientId, serviceAccountId, companyId, status, newSecrets, newPermissions, email,
                generatedEmail, directoryIds, newVersion, tokensValidAfter,
                tokensValidFromVersion);
    }

    EligibleClient withPermissions(CompanyPermissions newPermissions, long newVersion) {
        return withSecrets(secrets, newPermissions, newVersion);
    }

    EligibleClient withContact(String newEmail, List<String> newDirectoryIds, long newVersion) {
        return new EligibleClient(clientId, serviceAccountId, companyId, status, secrets, permissions, newEmail,
                generatedEmail, newDirectoryIds, newVersion, tokensValidAfter,
                tokensValidFromVersion);
    }

    /** @return the account's token cutoff; null when never moved */
    public TokenCutoff tokenCutoff() {
        return TokenCutoff.of(tokensValidAfter, tokensValidFromVersion);
    }

    /**
     * @return this entry with its token cutoff moved by {@link TokenCutoff#moved} to the event at {@code eventTime}
     *         and {@code sequence}, never back
     */
    EligibleClient withTokensRevokedAt(Instant eventTime, long sequence) {
        TokenCutoff moved = TokenCutoff.moved(tokenCutoff(), eventTime, sequence);
        return new EligibleClient(clientId, serviceAccountId, companyId, status, secrets, permissions, email,
                generatedEmail, directoryIds, version, moved.notBefore(), moved.fromVersion());
    }
}
