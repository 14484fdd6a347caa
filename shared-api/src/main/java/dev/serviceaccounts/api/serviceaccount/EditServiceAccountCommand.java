package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Edits name and App Type. A null field is left unchanged; setting {@code appType} to CUSTOM clears the
 * marketplace app id; the result must satisfy the creation rules.
 */
public record EditServiceAccountCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                        CompanyId companyId, String name, AppType appType,
                                        String marketplaceAppId) implements ServiceAccountCommand {
}
