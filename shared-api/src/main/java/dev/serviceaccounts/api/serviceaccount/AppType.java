package dev.serviceaccounts.api.serviceaccount;

/**
 * Procore's App Type of a service account: {@code MARKETPLACE} needs the chosen app's
 * {@code marketplaceAppId}; {@code CUSTOM} must not have one.
 */
public enum AppType {
    CUSTOM,
    MARKETPLACE
}
