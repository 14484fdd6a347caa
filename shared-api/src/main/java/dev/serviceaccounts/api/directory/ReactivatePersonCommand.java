package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes an inactive person active again; by the person's own company ({@code companyId}) only. */
public record ReactivatePersonCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the person is in (its own company is then checked by the person) */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }
}
