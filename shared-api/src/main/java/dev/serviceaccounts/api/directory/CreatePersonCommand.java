package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a person to a company directory. The email must be free in that directory (checked at the edge). */
public record CreatePersonCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId,
                                  String name, String email) implements CompanyScopedCommand {
}
