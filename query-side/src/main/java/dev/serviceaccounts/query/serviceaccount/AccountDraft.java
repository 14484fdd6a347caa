package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.directory.ContactView;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A working copy of one {@link ServiceAccountView} that an event changes; {@link #build} makes the new
 * view and derives {@code functional}, {@code usable} and {@code reasons} through {@link AccountCondition}.
 * Keeps only levels above NONE and never a secret's hash.
 */
final class AccountDraft {

    private final ServiceAccountView base;
    private String name;
    private AppType appType;
    private String marketplaceAppId;
    private String email;
    private final Set<String> directoryIds;
    private final Map<CompanyTool, PermissionLevel> permissions = new EnumMap<>(CompanyTool.class);
    private final Map<String, Map<ProjectTool, PermissionLevel>> projects;
    private List<SecretView> secrets;
    private AccountStatus status;
    private TokenCutoff tokenCutoff;

    private AccountDraft(ServiceAccountView base) {
        this.base = base;
        this.name = base.name();
        this.appType = base.appType();
        this.marketplaceAppId = base.marketplaceAppId();
        this.email = base.contact().email();
        this.directoryIds = new LinkedHashSet<>(base.contact().companyIds());
        this.permissions.putAll(base.permissions());
        this.projects = new TreeMap<>(base.projects());
        this.secrets = base.secrets();
        this.status = base.status();
        this.tokenCutoff = base.tokenCutoff();
    }

    /** @return a draft of {@code view}, to change */
    static AccountDraft of(ServiceAccountView view) {
        return new AccountDraft(view);
    }

    /** @return the view of a just-created account: ACTIVE, one secret, no permission, home directory only */
    static ServiceAccountView created(ServiceAccountCreatedEvent event, long version) {
        String companyId = event.companyId().value();
        ContactView contact = new ContactView(event.contactId().value(), event.contactEmail(), event.contactEmail(),
                List.of(companyId));
        ServiceAccountView view = new ServiceAccountView(event.serviceAccountId().value(), companyId, event.name(),
                event.appType(), event.marketplaceAppId(), event.clientId().value(), contact, Map.of(), Map.of(),
                List.of(secretView(event.secret())), AccountStatus.ACTIVE, false, false, List.of(),
                event.createdAt(), event.createdAt(), null, 0, version);
        return of(view).build(version, event.createdAt());
    }

    AccountDraft named(String newName, AppType newAppType, String newMarketplaceAppId) {
        this.name = newName;
        this.appType = newAppType;
        this.marketplaceAppId = newMarketplaceAppId;
        return this;
    }

    AccountDraft status(AccountStatus newStatus) {
        this.status = newStatus;
        return this;
    }

    AccountDraft email(String newEmail) {
        this.email = newEmail;
        return this;
    }

    AccountDraft inDirectory(String companyId, boolean member) {
        if (member) {
            directoryIds.add(companyId);
        } else {
            directoryIds.remove(companyId);
        }
        return this;
    }

    AccountDraft permission(CompanyTool tool, PermissionLevel level) {
        if (level == null || level == PermissionLevel.NONE) {
            permissions.remove(tool);
        } else {
            permissions.put(tool, level);
        }
        return this;
    }

    /** Sets the project's tool levels, replacing the earlier ones; NONE levels are dropped. */
    AccountDraft project(String projectId, Map<ProjectTool, PermissionLevel> levels) {
        Map<ProjectTool, PermissionLevel> kept = new EnumMap<>(ProjectTool.class);
        if (levels != null) {
            levels.forEach((tool, level) -> {
                if (level != null && level != PermissionLevel.NONE) {
                    kept.put(tool, level);
                }
            });
        }
        projects.put(projectId, kept);
        return this;
    }

    AccountDraft withoutProject(String projectId) {
        projects.remove(projectId);
        return this;
    }

    /** Reset: {@code newSecret} is the only secret; every permission and project membership is gone. */
    AccountDraft reset(HashedSecret newSecret) {
        secrets = List.of(secretView(newSecret));
        permissions.clear();
        projects.clear();
        return this;
    }

    /** Rotation: the previous secret ends at {@code previousExpiresAt}; it and {@code newSecret} are the only ones. */
    AccountDraft rotate(HashedSecret newSecret, String previousSecretId, Instant previousExpiresAt) {
        List<SecretView> kept = new ArrayList<>(2);
        findSecret(previousSecretId)
                .ifPresent(previous -> kept.add(new SecretView(previous.secretId(), previous.createdAt(), previousExpiresAt)));
        kept.add(secretView(newSecret));
        secrets = List.copyOf(kept);
        return this;
    }

    /**
     * Tokens issued before {@code eventTime} (a reset, deactivation or deletion, at {@code sequence}), or minted
     * from a state before that event, stop counting: the cutoff moves by {@link TokenCutoff#moved}, never back.
     */
    AccountDraft tokensRevokedAt(Instant eventTime, long sequence) {
        tokenCutoff = TokenCutoff.moved(tokenCutoff, eventTime, sequence);
        return this;
    }

    /** Drops the secrets whose grace period ended before {@code now}. */
    AccountDraft secretsActiveAt(Instant now) {
        secrets = secrets.stream().filter(secret -> secret.expiresAt() == null || now.isBefore(secret.expiresAt()))
                .toList();
        return this;
    }

    /** @return the new view, at {@code version}, changed at {@code updatedAt} */
    ServiceAccountView build(long version, Instant updatedAt) {
        AccountCondition condition = new AccountCondition(status, email, base.contact().generatedEmail(),
                base.companyId(), directoryIds);
        boolean anyPermission = !permissions.isEmpty()
                || projects.values().stream().anyMatch(levels -> !levels.isEmpty());
        ContactView contact = new ContactView(base.contact().id(), email, base.contact().generatedEmail(),
                List.copyOf(directoryIds));
        List<UnusableReason> reasons = condition.reasons(anyPermission);
        return new ServiceAccountView(base.id(), base.companyId(), name, appType, marketplaceAppId, base.clientId(),
                contact, Collections.unmodifiableMap(new EnumMap<>(permissions)),
                Collections.unmodifiableMap(new TreeMap<>(projects)), secrets, status,
                condition.functional(), reasons.isEmpty(), reasons, base.createdAt(), updatedAt,
                tokenCutoff == null ? null : tokenCutoff.notBefore(), tokenCutoff == null ? 0 : tokenCutoff.fromVersion(),
                version);
    }

    private Optional<SecretView> findSecret(String secretId) {
        return secrets.stream().filter(secret -> secret.secretId().equals(secretId)).findFirst();
    }

    private static SecretView secretView(HashedSecret secret) {
        return new SecretView(secret.secretId().value(), secret.createdAt(), secret.expiresAt());
    }
}
