package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One entry of the token-eligibility view: the account's whole folded state ({@link AccountState}, secret
 * hashes included), keyed by {@code client_id}, so that the token endpoint authenticates a client and mints
 * its token without touching the event store, and a stored entry folds forward like the service-account
 * view. Stored as {@code {_id: clientId, account: {...}}}.
 *
 * @param account the account's state, at the sequence number of its last applied event
 */
public record EligibleClient(@Id String clientId, AccountState account) {

    /** @throws NullPointerException when {@code account} is null */
    public EligibleClient {
        Objects.requireNonNull(account, "account");
    }

    /** @return the entry of {@code account} */
    static EligibleClient of(AccountState account) {
        return new EligibleClient(account.clientId(), account);
    }

    public String companyId() {
        return account.companyId();
    }

    /** @return the active secrets as stored (at most two; a rotated-out one carries its {@code expiresAt}) */
    public List<HashedSecret> secrets() {
        return account.secrets().stream().map(AccountState.Secret::hashed).flatMap(Optional::stream).toList();
    }

    /** @return sequence number of the account's last applied event */
    public long version() {
        return account.version();
    }

    /** @return the account's token cutoff; null when never moved */
    public TokenCutoff tokenCutoff() {
        return account.tokenCutoff();
    }

    /** @return true when a token may be issued: ACTIVE, email unchanged, contact in its home directory only */
    public boolean functional() {
        return account.functional();
    }

    /** @return the first reason the account is not functional (for metrics); null when it is functional */
    public UnusableReason refusal() {
        return functional() ? null : account.reasons().get(0);
    }

    /**
     * Checks the secret against every active secret, always all of them, each in constant time.
     *
     * @param encoder the client-secret encoder that wrote the hashes
     * @return the id of the secret {@code candidate} is, when it is one of this client's secrets still valid at
     *         {@code now}
     */
    public Optional<String> matchingSecret(PasswordEncoder encoder, String candidate, Instant now) {
        String matched = null;
        for (HashedSecret secret : secrets()) {
            if (encoder.matches(candidate, secret.hash()) && secret.activeAt(now)) {
                matched = secret.secretId().value();
            }
        }
        return Optional.ofNullable(matched);
    }
}
