package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/** The account was deactivated. */
public record ServiceAccountDeactivatedEvent(ServiceAccountId serviceAccountId, CompanyId companyId)
        implements CompanyScopedEvent {
}
