package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a service account's contact to another company's directory ({@code companyId}). Rejected
 * (DESIGN §3 invariant 1) unless {@code acknowledgeBreaksServiceAccount}; then the account is not
 * functional ({@code IN_FOREIGN_DIRECTORY}) until the contact is removed from that directory.
 */
public record AddServiceAccountContactToDirectoryCommand(
        @TargetAggregateIdentifier ServiceAccountId serviceAccountId, CompanyId companyId,
        boolean acknowledgeBreaksServiceAccount) {
}
