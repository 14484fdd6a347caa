package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/** The account was deleted. */
public record ServiceAccountDeletedEvent(ServiceAccountId serviceAccountId, CompanyId companyId)
        implements CompanyScopedEvent {
}
