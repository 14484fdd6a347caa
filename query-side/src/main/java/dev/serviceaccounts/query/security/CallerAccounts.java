package dev.serviceaccounts.query.security;

import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import java.util.Optional;

/**
 * Where {@link QueryAuthorization} looks up the calling service account: the service-account view, which
 * implements this, so that the policy does not depend on the package whose controllers it guards.
 */
@FunctionalInterface
public interface CallerAccounts {

    /** @return the account with this {@code client_id}; empty for none (or for the operator) */
    Optional<ServiceAccountView> findByClientId(String clientId);
}
