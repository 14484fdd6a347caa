package dev.serviceaccounts.query.token;

import java.util.Optional;

/**
 * Where {@link TokenEligibilityProjection} keeps its entries: this instance's memory
 * ({@link TokenEligibilityView}) or the shared {@code token_eligibility} collection
 * ({@link TokenEligibilityCollection}). The same fold writes to either.
 */
interface EligibleClients {

    /** @return the entry of the service account with this id */
    Optional<EligibleClient> findByServiceAccount(String serviceAccountId);

    /** Stores {@code client}, replacing the entry of its {@code client_id}. */
    void save(EligibleClient client);

    /** Forgets every entry (before a replay). */
    void clear();
}
