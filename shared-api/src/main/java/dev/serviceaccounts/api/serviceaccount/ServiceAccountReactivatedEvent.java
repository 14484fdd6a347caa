package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;

/** The account was reactivated. */
public record ServiceAccountReactivatedEvent(ServiceAccountId serviceAccountId, CompanyId companyId) {
}
