package dev.serviceaccounts.api.directory;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes an inactive person active again; by the person's own company ({@code companyId}) only. */
public record ReactivatePersonCommand(@TargetAggregateIdentifier ContactId contactId, CompanyId companyId) {
}
