package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.Requests.enumValue;
import static dev.serviceaccounts.command.Requests.serviceAccountId;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.EditServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ReactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.Requests;
import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import dev.serviceaccounts.command.directory.DirectoryService;
import dev.serviceaccounts.command.marketplace.MarketplaceApps;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The service-account lifecycle of a company (docs/design.md §5), one method per use case: each checks the
 * caller (ADMIN on the company Admin tool, docs/design.md §4), makes what the command needs (ids, secrets, the
 * client id's reservation, the contact's email) and sends it. The commands that hand out a secret carry what
 * the caller holds, read from its own aggregate.
 */
@Service
public class ServiceAccountService {

    /** Longest grace period of a rotated-out secret: 30 days, in seconds. */
    public static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;

    private final CompanyAccessPolicy access;
    private final CommandDispatch commands;
    private final CredentialsGenerator generator;
    private final ClientIdRegistry clientIds;
    private final DirectoryService directory;
    private final ServiceAccountsProperties properties;
    private final MarketplaceApps marketplaceApps;
    private final ServiceAccounts accounts;

    public ServiceAccountService(CompanyAccessPolicy access, CommandDispatch commands, CredentialsGenerator generator,
                                 ClientIdRegistry clientIds, DirectoryService directory,
                                 ServiceAccountsProperties properties, MarketplaceApps marketplaceApps,
                                 ServiceAccounts accounts) {
        this.access = access;
        this.commands = commands;
        this.generator = generator;
        this.clientIds = clientIds;
        this.directory = directory;
        this.properties = properties;
        this.marketplaceApps = marketplaceApps;
        this.accounts = accounts;
    }

    /**
     * CreateServiceAccount: a new account with a new client id, its first secret and its directory contact
     * (a generated email on {@code service-accounts.contact-email-domain}).
     *
     * @param appType {@code CUSTOM} or {@code MARKETPLACE} (case-insensitive)
     * @return the new account, with its first secret's plaintext (shown this once)
     * @throws DomainException INVALID_FIELD (also a {@code marketplaceAppId} that is no registered app), EMAIL_TAKEN,
     *                         or whatever the policy or the command refused
     */
    public CreatedServiceAccount create(Caller caller, CompanyId company, String name, String appType,
                                        String marketplaceAppId) {
        CallerRights rights = requireLifecycle(caller, company);
        ServiceAccountFields fields = ServiceAccountFields.of(name, Requests.enumOrNull(AppType.class, appType),
                marketplaceAppId);
        if (fields.appType() == AppType.MARKETPLACE && !marketplaceApps.isRegistered(fields.marketplaceAppId())) {
            throw unregisteredApp();
        }
        ServiceAccountId id = new ServiceAccountId(UUID.randomUUID().toString());
        NewSecret secret = generator.newSecret();
        ContactId contactId = new ContactId(UUID.randomUUID().toString());
        String email = "sa-" + id.value().replace("-", "").substring(0, 16) + "@" + properties.contactEmailDomain();
        Instant createdAt = secret.stored().createdAt();
        // the client id's reservation runs alongside the contact's registration and the email's claim
        CreateServiceAccountCommand command = directory.createServiceAccountContact(company, contactId, id, email,
                () -> new CreateServiceAccountCommand(id, company, name, fields.appType(), marketplaceAppId,
                        reserveClientId(id, company), secret.stored(), contactId, email, createdAt, rights), commands);
        ClientId clientId = command.clientId();
        return new CreatedServiceAccount(id, clientId, secret, name.trim(), fields.appType(),
                marketplaceAppId == null ? null : marketplaceAppId.trim(), contactId, email, createdAt);
    }

    /**
     * Edit: absent (null) fields stay. A {@code marketplaceAppId} given for a MARKETPLACE account must be a
     * registered app unless it is the one the account already names (an account stored before apps were registered
     * keeps its app, docs/decisions.md D48).
     *
     * @return the account's id
     * @throws DomainException INVALID_FIELD, or whatever the policy or the command refused
     */
    public ServiceAccountId edit(Caller caller, CompanyId company, String serviceAccountId, String name,
                                 String appType, String marketplaceAppId) {
        requireLifecycle(caller, company);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        AppType type = enumValue(AppType.class, appType, "appType", false);
        String appId = marketplaceAppId == null ? null : marketplaceAppId.trim();
        if (appId != null && type != AppType.CUSTOM && !appId.isEmpty()
                && appId.length() <= ServiceAccountFields.MAX_APP_ID_LENGTH
                && !marketplaceApps.isRegistered(appId) && !accounts.keepsMarketplaceApp(id, company, appId)) {
            throw unregisteredApp();
        }
        commands.send(new EditServiceAccountCommand(id, company, name, type, marketplaceAppId));
        return id;
    }

    private static DomainException unregisteredApp() {
        return DomainException.invalidFields(Map.of("marketplaceAppId", "is not a registered marketplace app"));
    }

    /**
     * Procore's Reset Secret: every earlier secret stops at once and all permissions and project memberships are
     * wiped to NONE. @return the new secret, its plaintext shown this once
     */
    public NewSecret reset(Caller caller, CompanyId company, String serviceAccountId) {
        CallerRights rights = requireLifecycle(caller, company);
        NewSecret secret = generator.newSecret();
        commands.send(new ResetClientSecretCommand(serviceAccountId(serviceAccountId), company, secret.stored(), rights));
        return secret;
    }

    /**
     * Rotate: a second secret; the current one works {@code graceSeconds} (0–{@value #MAX_GRACE_SECONDS}) longer;
     * permissions kept.
     *
     * @return the new secret, and when the current one stops
     * @throws DomainException INVALID_FIELD for a missing or out-of-range grace period
     */
    public RotatedSecret rotate(Caller caller, CompanyId company, String serviceAccountId, Long graceSeconds) {
        CallerRights rights = requireLifecycle(caller, company);
        if (graceSeconds == null) {
            throw DomainException.invalidFields(Map.of("graceSeconds", "is required: how many seconds (0 to "
                    + MAX_GRACE_SECONDS + ") the current secret keeps working; send {\"graceSeconds\": 86400} for a day"));
        }
        if (graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
            throw DomainException.invalidFields(Map.of("graceSeconds", "must be 0 to " + MAX_GRACE_SECONDS + " seconds"));
        }
        NewSecret secret = generator.newSecret();
        Instant previousExpiresAt = secret.stored().createdAt().plusSeconds(graceSeconds);
        commands.send(new RotateClientSecretCommand(serviceAccountId(serviceAccountId), company, secret.stored(),
                previousExpiresAt, rights));
        return new RotatedSecret(secret, previousExpiresAt);
    }

    /** Deactivate: its secrets stop working until reactivated. @return the account's id */
    public ServiceAccountId deactivate(Caller caller, CompanyId company, String serviceAccountId) {
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        requireLifecycle(caller, company);
        commands.send(new DeactivateServiceAccountCommand(id, company));
        return id;
    }

    /** Reactivate a deactivated account. @return the account's id */
    public ServiceAccountId reactivate(Caller caller, CompanyId company, String serviceAccountId) {
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        requireLifecycle(caller, company);
        commands.send(new ReactivateServiceAccountCommand(id, company));
        return id;
    }

    /** Delete for good; the {@code client_id} is never reused. */
    public void delete(Caller caller, CompanyId company, String serviceAccountId) {
        requireLifecycle(caller, company);
        commands.send(new DeleteServiceAccountCommand(serviceAccountId(serviceAccountId), company));
    }

    private CallerRights requireLifecycle(Caller caller, CompanyId company) {
        return access.require(caller, company, PermissionLevel.ADMIN, CompanyTool.ADMIN);
    }

    private ClientId reserveClientId(ServiceAccountId id, CompanyId company) {
        for (int attempt = 0; attempt < 3; attempt++) {
            ClientId candidate = generator.newClientId();
            if (clientIds.reserve(candidate, id, company)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Three random 192-bit client ids collided: the random source is broken");
    }

    /**
     * A service account just made.
     *
     * @param secret its first secret; the plaintext is never logged ({@link NewSecret#toString})
     * @param name   as stored (trimmed)
     */
    public record CreatedServiceAccount(ServiceAccountId id, ClientId clientId, NewSecret secret, String name,
                                        AppType appType, String marketplaceAppId, ContactId contactId, String email,
                                        Instant createdAt) {
    }

    /**
     * A rotated secret.
     *
     * @param previousExpiresAt when the secret it replaces stops working
     */
    public record RotatedSecret(NewSecret secret, Instant previousExpiresAt) {
    }
}
