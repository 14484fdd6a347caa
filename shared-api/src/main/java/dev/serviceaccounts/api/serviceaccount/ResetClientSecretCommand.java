package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Procore's "Reset Secret": {@code newSecret} replaces every secret at once, and all company permissions
 * and project memberships are wiped back to NONE (DESIGN §3 invariant 6).
 */
public record ResetClientSecretCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                       CompanyId companyId, HashedSecret newSecret) implements ServiceAccountCommand {
}
