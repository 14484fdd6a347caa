package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactView;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A service account's state, folded from its events: the one place where the events' effects and the rules
 * derived from them are written (docs/design.md §3 and §4). Both query-side views are built from it, and the
 * command side asks {@link #functional(AccountStatus, boolean)} and {@link #contactIntact} for the same rule.
 *
 * <p>The fold ({@link #created}, then {@link #apply} for each later event) is pure and idempotent: an event at
 * or below {@link #version()} has been applied and is skipped, as is an event of another account or of a
 * person's contact. {@code functional}: ACTIVE, the contact email is the generated one (exact compare), and the
 * contact is in its home company's directory alone. {@code usable}: functional and some company or project
 * tool level above NONE.
 *
 * <p>Secrets: a holder that must never keep a hash (the service-account view) keeps {@link #withoutSecretHashes()};
 * the fold needs only ids and times of the secrets it already holds, so it folds such a state forward as well
 * (a rotation keeps the previous secret without a hash).
 *
 * @param serviceAccountId the account's id
 * @param companyId        its own (home) company
 * @param contactId        its directory contact's id
 * @param email            the contact's current email
 * @param generatedEmail   the contact email generated with the account
 * @param directoryIds     the company directories the contact is in, in the order it joined them
 * @param secrets          the active secrets (at most two), oldest first
 * @param permissions      company tool levels above NONE
 * @param projects         project memberships: project id to its tool levels above NONE (a membership may hold none)
 * @param createdAt        when the account was created
 * @param updatedAt        timestamp of the last applied event (the creation time for the created event)
 * @param tokenCutoff      moved by a reset, deactivation and deletion ({@link TokenCutoff#moved}); null when never
 * @param version          sequence number of the last applied event
 */
public record AccountState(String serviceAccountId, String companyId, String clientId, String name, AppType appType,
                           String marketplaceAppId, String contactId, String email, String generatedEmail,
                           List<String> directoryIds, AccountStatus status, List<Secret> secrets,
                           CompanyPermissions permissions, Map<String, Map<ProjectTool, PermissionLevel>> projects,
                           Instant createdAt, Instant updatedAt, TokenCutoff tokenCutoff, long version) {

    /** Copies the collections; NONE levels are dropped ({@link PermissionLevel#aboveNone}). */
    public AccountState {
        directoryIds = List.copyOf(new LinkedHashSet<>(directoryIds));
        secrets = List.copyOf(secrets);
        permissions = permissions == null ? CompanyPermissions.NONE : permissions;
        TreeMap<String, Map<ProjectTool, PermissionLevel>> memberships = new TreeMap<>();
        if (projects != null) {
            projects.forEach((projectId, levels) ->
                    memberships.put(projectId, PermissionLevel.aboveNone(levels, ProjectTool.class)));
        }
        projects = Collections.unmodifiableMap(memberships);
    }

    /**
     * One secret of the account.
     *
     * @param hash      its {@link HashedSecret#hash()}; null where it must not be kept ({@link #withoutSecretHashes()})
     * @param expiresAt null while it has no end
     */
    public record Secret(String secretId, String hash, Instant createdAt, Instant expiresAt) {

        /** @return the secret as an event carries it */
        public static Secret of(HashedSecret secret) {
            return new Secret(secret.secretId().value(), secret.hash(), secret.createdAt(), secret.expiresAt());
        }

        /** @return the secret as shown: never its hash */
        public SecretView view() {
            return new SecretView(secretId, createdAt, expiresAt);
        }

        /** @return the stored secret to check a candidate against; empty when the hash is not kept here */
        public Optional<HashedSecret> hashed() {
            return hash == null ? Optional.empty()
                    : Optional.of(new HashedSecret(new SecretId(secretId), hash, createdAt, expiresAt));
        }

        /** @return true while the secret may be used at {@code now} */
        public boolean activeAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    /**
     * @return the state of a just-created account: ACTIVE, its one secret, no permission, its contact with the
     *         generated email in its home directory only, at {@code sequence}
     */
    public static AccountState created(ServiceAccountCreatedEvent event, long sequence) {
        String home = event.companyId().value();
        return new AccountState(event.serviceAccountId().value(), home, event.clientId().value(), event.name(),
                event.appType(), event.marketplaceAppId(), event.contactId().value(), event.generatedEmail(),
                event.generatedEmail(), List.of(home), AccountStatus.ACTIVE, List.of(Secret.of(event.secret())),
                CompanyPermissions.NONE, Map.of(), event.createdAt(), event.createdAt(), null, sequence);
    }

    /**
     * The fold's step for a holder that may hold no state yet.
     *
     * @param current the account's state so far; null when none is held
     * @return the state after {@code event}; empty when there is nothing new to keep: the event concerns no account
     *         held here (or creates one already held), or was applied already
     */
    public static Optional<AccountState> after(AccountState current, Object event, long sequence, Instant at) {
        if (current == null) {
            return event instanceof ServiceAccountCreatedEvent created
                    ? Optional.of(created(created, sequence)) : Optional.empty();
        }
        AccountState next = current.apply(event, sequence, at);
        return next == current ? Optional.empty() : Optional.of(next);
    }

    /**
     * The whole step of a view built from this fold, whatever it stores: loads the state of the event's account,
     * applies the event ({@link #after}) and saves the new state when there is one.
     *
     * @param load reads the held state of the account with this id; empty when none is held
     * @param save stores the new state
     */
    public static void update(Object event, long sequence, Instant at, Function<String, Optional<AccountState>> load,
                              Consumer<AccountState> save) {
        String id = accountId(event);
        if (id != null) {
            after(load.apply(id).orElse(null), event, sequence, at).ifPresent(save);
        }
    }

    /**
     * @return the id of the service account whose state {@code event} changes (the created event included); null
     *         for any other event, a person's contact event among them
     */
    public static String accountId(Object event) {
        ServiceAccountId id = null;
        if (event instanceof ServiceAccountCreatedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ServiceAccountEditedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ClientSecretResetEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ClientSecretRotatedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ServiceAccountDeactivatedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ServiceAccountReactivatedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ServiceAccountDeletedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof CompanyPermissionGrantedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof CompanyPermissionRevokedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ProjectMembershipSetEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ProjectMembershipRemovedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof DirectoryEmailChangedEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ContactAddedToDirectoryEvent e) {
            id = e.serviceAccountId();
        } else if (event instanceof ContactRemovedFromDirectoryEvent e) {
            id = e.serviceAccountId();
        }
        return id == null ? null : id.value();
    }

    /**
     * @param event    any event
     * @param sequence its sequence number in its aggregate
     * @param at       its timestamp: the new {@code updatedAt}, and where a reset, deactivation or deletion moves
     *                 the token cutoff to
     * @return the state after {@code event}; this very state when the event was applied already (its sequence is
     *         not above {@link #version()}), creates the account, or is not this account's
     */
    public AccountState apply(Object event, long sequence, Instant at) {
        if (sequence <= version || event instanceof ServiceAccountCreatedEvent
                || !serviceAccountId.equals(accountId(event))) {
            return this;
        }
        Next next = new Next(this, sequence, at);
        if (event instanceof ServiceAccountEditedEvent e) {
            next.name = e.name();
            next.appType = e.appType();
            next.marketplaceAppId = e.marketplaceAppId();
        } else if (event instanceof ClientSecretResetEvent e) {
            next.secrets = List.of(Secret.of(e.newSecret()));
            next.permissions = CompanyPermissions.NONE;
            next.projects.clear();
            next.revokeTokens();
        } else if (event instanceof ClientSecretRotatedEvent e) {
            next.secrets = rotated(e);
        } else if (event instanceof ServiceAccountDeactivatedEvent) {
            next.status = AccountStatus.DEACTIVATED;
            next.revokeTokens();
        } else if (event instanceof ServiceAccountReactivatedEvent) {
            next.status = AccountStatus.ACTIVE;
        } else if (event instanceof ServiceAccountDeletedEvent) {
            next.status = AccountStatus.DELETED;
            next.revokeTokens();
        } else if (event instanceof CompanyPermissionGrantedEvent e) {
            next.permissions = permissions.with(e.tool(), e.level());
        } else if (event instanceof CompanyPermissionRevokedEvent e) {
            next.permissions = permissions.with(e.tool(), PermissionLevel.NONE);
        } else if (event instanceof ProjectMembershipSetEvent e) {
            next.projects.put(e.projectId(), e.permissions());
        } else if (event instanceof ProjectMembershipRemovedEvent e) {
            next.projects.remove(e.projectId());
        } else if (event instanceof DirectoryEmailChangedEvent e) {
            next.email = e.email();
        } else if (event instanceof ContactAddedToDirectoryEvent e) {
            next.directoryIds.add(e.companyId().value());
        } else if (event instanceof ContactRemovedFromDirectoryEvent e) {
            next.directoryIds.remove(e.companyId().value());
        }
        return next.state();
    }

    /** @return the previous secret, now ending at {@code previousExpiresAt}, and the new one: nothing else */
    private List<Secret> rotated(ClientSecretRotatedEvent event) {
        List<Secret> kept = new ArrayList<>(2);
        secrets.stream().filter(secret -> secret.secretId().equals(event.previousSecretId().value())).findFirst()
                .ifPresent(previous -> kept.add(new Secret(previous.secretId(), previous.hash(), previous.createdAt(),
                        event.previousExpiresAt())));
        kept.add(Secret.of(event.newSecret()));
        return kept;
    }

    /**
     * docs/design.md §3 invariants 1 and 2, the one home of the rule for both sides.
     *
     * @param directories the company directories the contact is in
     * @param home        the account's own company
     * @return true while {@code email} is exactly {@code generatedEmail} and the contact is in {@code home}'s
     *         directory alone
     */
    public static <C> boolean contactIntact(String email, String generatedEmail, Collection<C> directories, C home) {
        return !emailChanged(email, generatedEmail) && !outsideHomeDirectory(directories, home);
    }

    /**
     * docs/design.md §3 "functional", the one home of the rule for both sides.
     *
     * @return true when a token may be issued to the account: ACTIVE with an intact contact ({@link #contactIntact})
     */
    public static boolean functional(AccountStatus status, boolean contactIntact) {
        return status == AccountStatus.ACTIVE && contactIntact;
    }

    /**
     * @return the effective level on {@code tool} (company DIRECTORY ADMIN implies ADMIN everywhere); NONE when the
     *         account is not functional
     */
    public static PermissionLevel effectiveLevel(boolean functional, CompanyPermissions permissions, CompanyTool tool) {
        return functional ? permissions.effectiveLevel(tool) : PermissionLevel.NONE;
    }

    /** @return true when a token may be issued: ACTIVE, email unchanged, contact in its home directory only */
    public boolean functional() {
        return functional(status, contactIntact(email, generatedEmail, directoryIds, companyId));
    }

    /** @return true when functional and some company or project tool level is above NONE */
    public boolean usable() {
        return reasons().isEmpty();
    }

    /** @return true when some company or project tool level is above NONE */
    public boolean anyPermission() {
        return permissions.any() || projects.values().stream().anyMatch(levels -> !levels.isEmpty());
    }

    /** @return every reason the account is not functional or not usable, in {@link UnusableReason} order */
    public List<UnusableReason> reasons() {
        List<UnusableReason> reasons = new ArrayList<>(2);
        if (status == AccountStatus.DEACTIVATED) {
            reasons.add(UnusableReason.DEACTIVATED);
        }
        if (status == AccountStatus.DELETED) {
            reasons.add(UnusableReason.DELETED);
        }
        if (emailChanged(email, generatedEmail)) {
            reasons.add(UnusableReason.EMAIL_CHANGED);
        }
        if (outsideHomeDirectory(directoryIds, companyId)) {
            reasons.add(UnusableReason.IN_FOREIGN_DIRECTORY);
        }
        if (!anyPermission()) {
            reasons.add(UnusableReason.NO_PERMISSIONS);
        }
        return List.copyOf(reasons);
    }

    /** @return the effective level on a company tool, NONE while not functional */
    public PermissionLevel effectiveLevel(CompanyTool tool) {
        return effectiveLevel(functional(), permissions, tool);
    }

    /** @return this state with no secret's hash: what a holder that must never keep one stores */
    public AccountState withoutSecretHashes() {
        List<Secret> bare = secrets.stream()
                .map(secret -> new Secret(secret.secretId(), null, secret.createdAt(), secret.expiresAt())).toList();
        return new AccountState(serviceAccountId, companyId, clientId, name, appType, marketplaceAppId, contactId,
                email, generatedEmail, directoryIds, status, bare, permissions, projects, createdAt, updatedAt,
                tokenCutoff, version);
    }

    /** @return this state without the secrets whose grace period ended at or before {@code now} */
    public AccountState secretsActiveAt(Instant now) {
        return new AccountState(serviceAccountId, companyId, clientId, name, appType, marketplaceAppId, contactId,
                email, generatedEmail, directoryIds, status,
                secrets.stream().filter(secret -> secret.activeAt(now)).toList(), permissions, projects, createdAt,
                updatedAt, tokenCutoff, version);
    }

    /** @return the account as the query side shows it, with the derived facts; never a secret's hash */
    public ServiceAccountView view() {
        List<UnusableReason> reasons = reasons();
        return new ServiceAccountView(serviceAccountId, companyId, name, appType, marketplaceAppId, clientId,
                new ContactView(contactId, email, generatedEmail, directoryIds), permissions.levels(), projects,
                secrets.stream().map(Secret::view).toList(), status, functional(), reasons.isEmpty(), reasons,
                createdAt, updatedAt, tokenCutoff == null ? null : tokenCutoff.notBefore(),
                tokenCutoff == null ? 0 : tokenCutoff.fromVersion(), version);
    }

    /**
     * @return the state a stored {@link ServiceAccountView} was derived from, without secret hashes (the view holds
     *         none); its derived facts ({@code functional}, {@code usable}, {@code reasons}) are derived again
     */
    public static AccountState of(ServiceAccountView view) {
        ContactView contact = view.contact();
        return new AccountState(view.id(), view.companyId(), view.clientId(), view.name(), view.appType(),
                view.marketplaceAppId(), contact.id(), contact.email(), contact.generatedEmail(), contact.companyIds(),
                view.status(), view.secrets().stream()
                        .map(secret -> new Secret(secret.secretId(), null, secret.createdAt(), secret.expiresAt()))
                        .toList(),
                new CompanyPermissions(view.permissions()), view.projects(), view.createdAt(), view.updatedAt(),
                view.tokenCutoff(), view.version());
    }

    private static boolean emailChanged(String email, String generatedEmail) {
        return !Objects.equals(email, generatedEmail);
    }

    private static <C> boolean outsideHomeDirectory(Collection<C> directories, C home) {
        return directories.size() != 1 || !directories.contains(home);
    }

    /** The changing copy of a state while one event is applied. */
    private static final class Next {

        private final AccountState base;
        private final long sequence;
        private final Instant at;
        private String name;
        private AppType appType;
        private String marketplaceAppId;
        private String email;
        private final Set<String> directoryIds;
        private AccountStatus status;
        private List<Secret> secrets;
        private CompanyPermissions permissions;
        private final Map<String, Map<ProjectTool, PermissionLevel>> projects;
        private TokenCutoff tokenCutoff;

        private Next(AccountState base, long sequence, Instant at) {
            this.base = base;
            this.sequence = sequence;
            this.at = at;
            this.name = base.name;
            this.appType = base.appType;
            this.marketplaceAppId = base.marketplaceAppId;
            this.email = base.email;
            this.directoryIds = new LinkedHashSet<>(base.directoryIds);
            this.status = base.status;
            this.secrets = base.secrets;
            this.permissions = base.permissions;
            this.projects = new TreeMap<>(base.projects);
            this.tokenCutoff = base.tokenCutoff;
        }

        /** Tokens issued before this event, or minted from a state before it, stop counting ({@link TokenCutoff#moved}). */
        private void revokeTokens() {
            tokenCutoff = TokenCutoff.moved(tokenCutoff, at, sequence);
        }

        private AccountState state() {
            return new AccountState(base.serviceAccountId, base.companyId, base.clientId, name, appType,
                    marketplaceAppId, base.contactId, email, base.generatedEmail, List.copyOf(directoryIds), status,
                    secrets, permissions, projects, base.createdAt, at, tokenCutoff, sequence);
        }
    }
}
