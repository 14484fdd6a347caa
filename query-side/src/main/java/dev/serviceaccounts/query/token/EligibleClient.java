package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import java.util.List;

/**
 * One entry of the token-eligibility view: what the token endpoint needs to authenticate a client and
 * mint its token, without touching the event store.
 *
 * @param secrets     hashes of the active secrets (at most two)
 * @param permissions the account's company tool levels (for {@code usable})
 * @param version     sequence number of the account's last applied event
 */
public record EligibleClient(@Id String clientId, String serviceAccountId, String companyId, AccountStatus status,
                             List<HashedSecret> secrets, CompanyPermissions permissions, long version) {

    public EligibleClient {
        secrets = List.copyOf(secrets);
    }

    /** @return true when a token may be issued: the account is ACTIVE (functional) */
    public boolean functional() {
        return status == AccountStatus.ACTIVE;
    }

    /**
     * Checks the secret against every active secret, always all of them, each in constant time.
     *
     * @return true when {@code candidate} is one of this client's secrets still valid at {@code now}
     */
    public boolean secretMatches(String candidate, Instant now) {
        boolean matched = false;
        for (HashedSecret secret : secrets) {
            matched |= secret.matches(candidate) && secret.activeAt(now);
        }
        return matched;
    }
}
