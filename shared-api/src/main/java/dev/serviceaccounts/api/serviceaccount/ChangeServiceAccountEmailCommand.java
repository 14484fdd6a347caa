package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * ChangeDirectoryEmail of a service account's contact. Rejected (DESIGN §3 invariant 2) unless
 * {@code acknowledgeBreaksServiceAccount}; then applied, and the account is not functional
 * ({@code EMAIL_CHANGED}) until the generated email is set back.
 */
public record ChangeServiceAccountEmailCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                               CompanyId companyId, String email,
                                               boolean acknowledgeBreaksServiceAccount) {
}
