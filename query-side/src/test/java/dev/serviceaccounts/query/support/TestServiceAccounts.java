package dev.serviceaccounts.query.support;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
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
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ClientSecretRotatedEvent;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountReactivatedEvent;
import dev.serviceaccounts.support.secret.ClientSecretEncoder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the events of one test service account, the way the command side emits them:
 * {@code TestServiceAccounts.custom().named("sync").inCompany(companyId)}, then {@code created()},
 * {@code granted(...)}, {@code reset(...)}... Secrets are plain test strings; only their hashes go into events.
 */
public final class TestServiceAccounts {

    /** When every test account is created. */
    public static final Instant CREATED_AT = Instant.parse("2025-01-01T10:00:00Z");

    private final ServiceAccountId id = new ServiceAccountId(UUID.randomUUID().toString());
    private final ContactId contactId = new ContactId(UUID.randomUUID().toString());
    private final ClientId clientId = new ClientId("client-" + UUID.randomUUID().toString().substring(0, 8));
    private CompanyId companyId = new CompanyId(UUID.randomUUID().toString());
    private String name = "integration";
    private AppType appType = AppType.CUSTOM;
    private String marketplaceAppId;
    private Instant createdAt = CREATED_AT;
    private final String firstSecretId = "secret-1";

    private TestServiceAccounts() {
    }

    /** @return a CUSTOM account named "integration" in a random company */
    public static TestServiceAccounts custom() {
        return new TestServiceAccounts();
    }

    /** @return a MARKETPLACE account of {@code appId} */
    public static TestServiceAccounts marketplace(String appId) {
        TestServiceAccounts account = new TestServiceAccounts();
        account.appType = AppType.MARKETPLACE;
        account.marketplaceAppId = appId;
        return account;
    }

    public TestServiceAccounts named(String newName) {
        this.name = newName;
        return this;
    }

    public TestServiceAccounts inCompany(String newCompanyId) {
        this.companyId = new CompanyId(newCompanyId);
        return this;
    }

    public TestServiceAccounts createdAt(Instant instant) {
        this.createdAt = instant;
        return this;
    }

    public String id() {
        return id.value();
    }

    public String clientId() {
        return clientId.value();
    }

    public String companyId() {
        return companyId.value();
    }

    public String contactId() {
        return contactId.value();
    }

    /** @return the generated contact email */
    public String generatedEmail() {
        return "sa-" + clientId.value() + "@service-accounts.invalid";
    }

    /** @return the secret the account was created with, in plain text */
    public String firstSecret() {
        return "first-secret-of-" + clientId.value();
    }

    /** @return a stored secret: id, hash of {@code plaintext}, created at {@code at}, no end */
    public static HashedSecret secret(String secretId, String plaintext, Instant at) {
        return new HashedSecret(new SecretId(secretId), new ClientSecretEncoder().encode(plaintext), at, null);
    }

    public ServiceAccountCreatedEvent created() {
        return new ServiceAccountCreatedEvent(id, companyId, name, appType, marketplaceAppId, clientId,
                secret(firstSecretId, firstSecret(), createdAt), contactId, generatedEmail(), createdAt);
    }

    /** @return the id of the secret the account was created with */
    public String firstSecretId() {
        return firstSecretId;
    }

    public ServiceAccountEditedEvent edited(String newName, AppType newAppType, String newMarketplaceAppId) {
        return new ServiceAccountEditedEvent(id, companyId, newName, newAppType, newMarketplaceAppId);
    }

    public CompanyPermissionGrantedEvent granted(CompanyTool tool, PermissionLevel level) {
        return new CompanyPermissionGrantedEvent(id, companyId, tool, level, PermissionLevel.NONE);
    }

    public CompanyPermissionRevokedEvent revoked(CompanyTool tool) {
        return new CompanyPermissionRevokedEvent(id, companyId, tool, PermissionLevel.READ_ONLY);
    }

    public ProjectMembershipSetEvent projectSet(String projectId, Map<ProjectTool, PermissionLevel> levels) {
        return new ProjectMembershipSetEvent(id, companyId, projectId, levels);
    }

    public ProjectMembershipRemovedEvent projectRemoved(String projectId) {
        return new ProjectMembershipRemovedEvent(id, companyId, projectId);
    }

    /** @return a reset to {@code newSecret}, listing {@code revoked} secret ids */
    public ClientSecretResetEvent reset(HashedSecret newSecret, String... revoked) {
        return new ClientSecretResetEvent(id, companyId, newSecret,
                List.of(revoked).stream().map(SecretId::new).toList(), CompanyPermissions.NONE, List.of());
    }

    public ClientSecretRotatedEvent rotated(HashedSecret newSecret, String previousSecretId, Instant previousExpiresAt) {
        return new ClientSecretRotatedEvent(id, companyId, newSecret, new SecretId(previousSecretId), previousExpiresAt);
    }

    public ServiceAccountDeactivatedEvent deactivated() {
        return new ServiceAccountDeactivatedEvent(id, companyId);
    }

    public ServiceAccountReactivatedEvent reactivated() {
        return new ServiceAccountReactivatedEvent(id, companyId);
    }

    public ServiceAccountDeletedEvent deleted() {
        return new ServiceAccountDeletedEvent(id, companyId);
    }

    /** @return the contact's email changed to {@code email}, acknowledged as breaking the account */
    public DirectoryEmailChangedEvent emailChanged(String previousEmail, String email) {
        return new DirectoryEmailChangedEvent(contactId, ContactKind.SERVICE_ACCOUNT, companyId, id, previousEmail,
                email, !email.equals(generatedEmail()));
    }

    /** @return the contact added to {@code otherCompanyId}'s directory, acknowledged as breaking the account */
    public ContactAddedToDirectoryEvent addedToDirectory(String otherCompanyId) {
        return new ContactAddedToDirectoryEvent(contactId, ContactKind.SERVICE_ACCOUNT, new CompanyId(otherCompanyId),
                id, name, generatedEmail(), true);
    }

    public ContactRemovedFromDirectoryEvent removedFromDirectory(String otherCompanyId) {
        return new ContactRemovedFromDirectoryEvent(contactId, ContactKind.SERVICE_ACCOUNT,
                new CompanyId(otherCompanyId), id);
    }
}
