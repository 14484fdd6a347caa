package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.directory.ContactView;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service account as the query side shows it. Never holds a secret or its hash.
 *
 * @param permissions company tool levels above NONE
 * @param projects    project memberships: project id to its project tool levels above NONE
 * @param secrets     the active secrets' ids and times (at most two)
 * @param functional  ACTIVE, email unchanged, only in its home directory (docs/design.md §3)
 * @param usable      functional and some permission above NONE: a token of this account can do something
 * @param reasons     why it is not functional or not usable; empty when usable
 * @param tokensValidAfter the account's {@link TokenCutoff}: its access tokens issued before this instant are
 *                    refused everywhere (moved by reset, deactivation, deletion); null when never moved
 * @param tokensValidFromVersion the cutoff's {@code fromVersion}: sequence number of the event that moved it; a
 *                    token whose {@code account_version} claim is below it is refused too; 0 when never moved
 * @param version     sequence number of the last event applied (for idempotent projection)
 */
public record ServiceAccountView(
        String id,
        String companyId,
        String name,
        AppType appType,
        String marketplaceAppId,
        String clientId,
        ContactView contact,
        Map<CompanyTool, PermissionLevel> permissions,
        Map<String, Map<ProjectTool, PermissionLevel>> projects,
        List<SecretView> secrets,
        AccountStatus status,
        boolean functional,
        boolean usable,
        List<UnusableReason> reasons,
        Instant createdAt,
        Instant updatedAt,
        Instant tokensValidAfter,
        long tokensValidFromVersion,
        long version) {

    /** @return this view with {@code secrets} in place of its own */
    public ServiceAccountView withSecrets(List<SecretView> secrets) {
        return new ServiceAccountView(id, companyId, name, appType, marketplaceAppId, clientId, contact, permissions,
                projects, secrets, status, functional, usable, reasons, createdAt, updatedAt, tokensValidAfter,
                tokensValidFromVersion, version);
    }

    /** @return the account's token cutoff; null when never moved */
    public TokenCutoff tokenCutoff() {
        return TokenCutoff.of(tokensValidAfter, tokensValidFromVersion);
    }
}
