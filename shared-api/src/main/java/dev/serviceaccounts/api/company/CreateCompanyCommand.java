package dev.serviceaccounts.api.company;

import dev.serviceaccounts.api.id.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a company and its company directory. Operator only (docs/design.md §4). */
public record CreateCompanyCommand(@TargetAggregateIdentifier CompanyId companyId, String name)
        implements CompanyScopedCommand {
}
