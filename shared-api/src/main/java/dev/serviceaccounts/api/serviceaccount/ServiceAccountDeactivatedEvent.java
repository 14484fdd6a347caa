package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;

/** The account was deactivated. */
public record ServiceAccountDeactivatedEvent(ServiceAccountId serviceAccountId, CompanyId companyId) {
}
