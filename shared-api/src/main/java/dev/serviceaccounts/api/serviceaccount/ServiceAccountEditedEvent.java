package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/** Name and App Type after an edit (all fields are the new values). */
public record ServiceAccountEditedEvent(ServiceAccountId serviceAccountId, CompanyId companyId, String name,
                                        AppType appType, String marketplaceAppId) implements CompanyScopedEvent {
}
