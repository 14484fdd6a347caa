package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a person contact from {@code companyId}'s directory. */
public record RemoveContactFromDirectoryCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId) {
}
