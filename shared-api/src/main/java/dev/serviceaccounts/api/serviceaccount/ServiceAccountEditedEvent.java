package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;

/** Name and App Type after an edit (all fields are the new values). */
public record ServiceAccountEditedEvent(ServiceAccountId serviceAccountId, CompanyId companyId, String name,
                                        AppType appType, String marketplaceAppId) {
}
