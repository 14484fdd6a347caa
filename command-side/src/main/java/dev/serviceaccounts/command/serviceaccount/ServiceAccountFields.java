package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.Names;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.command.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Name and App Type of a service account, valid by construction through {@link #of}: name 1–255 characters
 * after trimming; {@code marketplaceAppId} required for MARKETPLACE, absent for CUSTOM (docs/design.md §3).
 */
public record ServiceAccountFields(String name, AppType appType, String marketplaceAppId) {

    /** Longest marketplace app id, in characters. */
    static final int MAX_APP_ID_LENGTH = 255;

    /**
     * @throws DomainException INVALID_FIELD listing every field that breaks a rule
     */
    public static ServiceAccountFields of(String name, AppType appType, String marketplaceAppId) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmed = Names.check(name, "name", errors);
        String appId = marketplaceAppId == null ? null : marketplaceAppId.trim();
        if (appId != null && appId.length() > MAX_APP_ID_LENGTH) {
            errors.put("marketplaceAppId", "must be at most " + MAX_APP_ID_LENGTH + " characters");
        }
        if (appType == null) {
            errors.put("appType", "must be CUSTOM or MARKETPLACE");
        } else if (appType == AppType.MARKETPLACE && (appId == null || appId.isEmpty())) {
            errors.put("marketplaceAppId", "is required when appType is MARKETPLACE");
        } else if (appType == AppType.CUSTOM && appId != null) {
            errors.put("marketplaceAppId", "must be absent when appType is CUSTOM");
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields(errors);
        }
        return new ServiceAccountFields(trimmed, appType, appId);
    }

    /**
     * Applies an edit: a null argument keeps the current value; switching to CUSTOM drops the app id.
     *
     * @throws DomainException INVALID_FIELD when the result breaks a rule
     */
    ServiceAccountFields edit(String newName, AppType newAppType, String newMarketplaceAppId) {
        AppType type = newAppType == null ? appType : newAppType;
        String appId = newMarketplaceAppId != null ? newMarketplaceAppId
                : type == AppType.CUSTOM ? null : marketplaceAppId;
        return of(newName == null ? name : newName, type, appId);
    }
}
