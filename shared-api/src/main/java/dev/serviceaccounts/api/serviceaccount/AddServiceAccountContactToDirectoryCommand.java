package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.CompanyScopedCommand;
import dev.serviceaccounts.api.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Adds a service account's contact to another company's directory ({@code companyId}). Rejected
 * (docs/design.md §3 invariant 1) unless {@code acknowledgeBreaksServiceAccount}; then the account is not
 * functional ({@code IN_FOREIGN_DIRECTORY}) until the contact is removed from that directory.
 *
 * <p>{@code expectedVersion}: the version of the aggregate the edge read before it reserved the email in
 * its lookup table; the command fails with a version conflict when the aggregate has moved on since
 * (null: no such check). That is what makes a reservation whose holder moved on provably dead.
 */
public record AddServiceAccountContactToDirectoryCommand(
        @TargetAggregateIdentifier ServiceAccountId serviceAccountId, CompanyId companyId,
        boolean acknowledgeBreaksServiceAccount, @TargetAggregateVersion Long expectedVersion)
        implements CompanyScopedCommand {

    /** @return {@link Scope#JOINED}: the directory the contact joins */
    @Override
    public Scope companyScope() {
        return Scope.JOINED;
    }

    /** Without a version check. */
    public AddServiceAccountContactToDirectoryCommand(ServiceAccountId serviceAccountId, CompanyId companyId,
                                                      boolean acknowledgeBreaksServiceAccount) {
        this(serviceAccountId, companyId, acknowledgeBreaksServiceAccount, null);
    }
}
