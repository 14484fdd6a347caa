package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds an existing person contact to {@code companyId}'s directory too (people may be in several). */
public record AddContactToDirectoryCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId) {
}
