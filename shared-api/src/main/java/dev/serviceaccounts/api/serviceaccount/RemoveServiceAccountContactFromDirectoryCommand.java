package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.CompanyScopedCommand;
import dev.serviceaccounts.api.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a service account's contact from a foreign directory; its home directory it never leaves. */
public record RemoveServiceAccountContactFromDirectoryCommand(
        @TargetAggregateIdentifier ServiceAccountId serviceAccountId, CompanyId companyId)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the contact is in */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }
}
