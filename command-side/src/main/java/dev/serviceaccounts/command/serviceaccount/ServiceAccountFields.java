package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.command.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Field rules of a service account (DESIGN §3): name 1–255 characters trimmed, App Type and its app id. */
final class ServiceAccountFields {

    static final int MAX_NAME_LENGTH = 255;

    private ServiceAccountFields() {
    }

    /** @throws DomainException INVALID_FIELD listing every field that breaks a rule */
    static void check(CreateServiceAccountCommand command) {
        Objects.requireNonNull(command.serviceAccountId(), "serviceAccountId");
        Objects.requireNonNull(command.companyId(), "companyId");
        Objects.requireNonNull(command.clientId(), "clientId");
        Objects.requireNonNull(command.secret(), "secret");
        Objects.requireNonNull(command.contactId(), "contactId");
        Objects.requireNonNull(command.contactEmail(), "contactEmail");
        Objects.requireNonNull(command.createdAt(), "createdAt");
        Map<String, String> errors = new LinkedHashMap<>();
        String name = command.name() == null ? "" : command.name().trim();
        if (name.isEmpty()) {
            errors.put("name", "must not be blank");
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.put("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        boolean hasAppId = command.marketplaceAppId() != null && !command.marketplaceAppId().isBlank();
        if (command.appType() == null) {
            errors.put("appType", "must be CUSTOM or MARKETPLACE");
        } else if (command.appType() == AppType.MARKETPLACE && !hasAppId) {
            errors.put("marketplaceAppId", "is required when appType is MARKETPLACE");
        } else if (command.appType() == AppType.CUSTOM && command.marketplaceAppId() != null) {
            errors.put("marketplaceAppId", "must be absent when appType is CUSTOM");
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields(errors);
        }
    }
}
