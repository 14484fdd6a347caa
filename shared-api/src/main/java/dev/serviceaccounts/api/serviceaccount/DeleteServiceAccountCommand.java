package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes the account for good (terminal; its client_id is never reused, docs/design.md §3 invariant 7). */
public record DeleteServiceAccountCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                       CompanyId companyId) implements ServiceAccountCommand {
}
