package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.CompanyScopedCommand;
import dev.serviceaccounts.api.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Adds an existing person contact to {@code companyId}'s directory too (people may be in several).
 *
 * <p>{@code expectedVersion}: the version of the aggregate the edge read before it reserved the email in
 * its lookup table; the command fails with a version conflict when the aggregate has moved on since
 * (null: no such check). That is what makes a reservation whose holder moved on provably dead.
 */
public record AddContactToDirectoryCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId,
                                           @TargetAggregateVersion Long expectedVersion)
        implements CompanyScopedCommand {

    /** @return {@link Scope#JOINED}: the directory the contact joins */
    @Override
    public Scope companyScope() {
        return Scope.JOINED;
    }

    /** Without a version check. */
    public AddContactToDirectoryCommand(ContactId contactId, CompanyId companyId) {
        this(contactId, companyId, null);
    }
}
