package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.CompanyScopedCommand;
import dev.serviceaccounts.api.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a person contact from {@code companyId}'s directory. */
public record RemoveContactFromDirectoryCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the contact is in */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }
}
