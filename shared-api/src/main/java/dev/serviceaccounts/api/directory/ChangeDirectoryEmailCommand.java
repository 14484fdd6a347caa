package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.CompanyScopedCommand;
import dev.serviceaccounts.api.CompanyScopedCommand.Scope;
import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * ChangeDirectoryEmail of a person contact. {@code companyId} is the directory the caller acts in; the
 * contact must be in it. For a service account's contact see {@code ChangeServiceAccountEmailCommand}.
 *
 * <p>{@code expectedVersion}: the version of the aggregate the edge read before it reserved the email in
 * its lookup table; the command fails with a version conflict when the aggregate has moved on since
 * (null: no such check). That is what makes a reservation whose holder moved on provably dead.
 */
public record ChangeDirectoryEmailCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId,
                                          String email, @TargetAggregateVersion Long expectedVersion)
        implements CompanyScopedCommand {

    /** @return {@link Scope#DIRECTORY}: a directory the contact is in */
    @Override
    public Scope companyScope() {
        return Scope.DIRECTORY;
    }

    /** Without a version check. */
    public ChangeDirectoryEmailCommand(ContactId contactId, CompanyId companyId, String email) {
        this(contactId, companyId, email, null);
    }
}
