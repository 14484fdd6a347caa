package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Makes a person inactive (Procore's inactive directory user): it stays in its directories with its
 * history and its email, but is no longer an active contact. Only the person's own company (the one that
 * created it, acting as {@code companyId}) may do it. The way to remove a person whose last directory
 * cannot be left.
 */
public record DeactivatePersonCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the person is in (its own company is then checked by the person) */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }
}
