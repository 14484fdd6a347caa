package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.CompanyScopedCommand;
import dev.serviceaccounts.api.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * ChangeDirectoryEmail of a service account's contact. Rejected (docs/design.md §3 invariant 2) unless
 * {@code acknowledgeBreaksServiceAccount}; then applied, and the account is not functional
 * ({@code EMAIL_CHANGED}) until the generated email is set back.
 *
 * <p>{@code expectedVersion}: the version of the aggregate the edge read before it reserved the email in
 * its lookup table; the command fails with a version conflict when the aggregate has moved on since
 * (null: no such check). That is what makes a reservation whose holder moved on provably dead.
 */
public record ChangeServiceAccountEmailCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                               CompanyId companyId, String email,
                                               boolean acknowledgeBreaksServiceAccount,
                                               @TargetAggregateVersion Long expectedVersion)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the contact is in */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }

    /** Without a version check. */
    public ChangeServiceAccountEmailCommand(ServiceAccountId serviceAccountId, CompanyId companyId, String email,
                                            boolean acknowledgeBreaksServiceAccount) {
        this(serviceAccountId, companyId, email, acknowledgeBreaksServiceAccount, null);
    }
}
