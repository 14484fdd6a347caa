package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Procore's "Reset Secret": {@code newSecret} replaces every secret at once, and all company permissions
 * and project memberships are wiped back to NONE (docs/design.md §3 invariant 6).
 *
 * @param issuer the caller's rights ({@link CredentialCommand})
 */
public record ResetClientSecretCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                       CompanyId companyId, HashedSecret newSecret, CallerRights issuer)
        implements ServiceAccountCommand, CredentialCommand {

    /** @return {@code false}: a reset wipes every grant: the new secret carries none */
    @Override
    public boolean keepsGrants() {
        return false;
    }
}
