package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;

/** The account was deleted. */
public record ServiceAccountDeletedEvent(ServiceAccountId serviceAccountId, CompanyId companyId) {
}
