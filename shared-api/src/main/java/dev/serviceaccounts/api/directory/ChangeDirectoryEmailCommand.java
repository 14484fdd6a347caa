package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * ChangeDirectoryEmail of a person contact. {@code companyId} is the directory the caller acts in; the
 * contact must be in it. For a service account's contact see {@code ChangeServiceAccountEmailCommand}.
 */
public record ChangeDirectoryEmailCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId,
                                          String email) {
}
