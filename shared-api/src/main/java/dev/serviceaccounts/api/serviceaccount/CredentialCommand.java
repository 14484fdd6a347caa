package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;

/**
 * A command that hands out a client secret for a service account (create, reset, rotate). It carries the
 * caller's rights, and the account refuses it when the account holds, at company or project level, a
 * permission the caller does not hold (docs/design.md §4). Every command with a {@link HashedSecret} is one; a test
 * enumerates them.
 */
public interface CredentialCommand {

    /** @return the account the credential is for */
    ServiceAccountId serviceAccountId();

    /** @return the rights of the caller who asks for the credential */
    CallerRights issuer();

    /**
     * @return true when the account keeps its grants through this command, so the new secret carries them
     *         (rotation); false when it holds none afterwards (creation, reset)
     */
    boolean keepsGrants();
}
