package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.directory.ContactCommandHandler;
import dev.serviceaccounts.support.secret.ClientSecretEncoder;
import java.time.Instant;
import org.axonframework.test.aggregate.FixtureConfiguration;

/** Builder of service-account fixtures: {@code TestServiceAccounts.custom().named("x").command()}. */
final class TestServiceAccounts {

    static final ServiceAccountId ID = new ServiceAccountId("6f1c2b9a-58f3-4b8e-9a42-0d3b5c7e9f10");
    static final CompanyId COMPANY = new CompanyId("0b7e4f5a-1c2d-4e3f-8a9b-1c2d3e4f5a6b");
    static final CompanyId OTHER_COMPANY = new CompanyId("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    static final ContactId CONTACT = new ContactId("4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    static final Instant CREATED_AT = Instant.parse("2026-11-29T10:15:30Z");
    static final HashedSecret SECRET = new HashedSecret(new SecretId("secret-1"),
            new ClientSecretEncoder().encode("s3cr3t-value-for-tests"), CREATED_AT, null);
    static final ClientId CLIENT_ID = new ClientId("client-1");
    /** The contact email generated with the account: the only one it works with (docs/design.md §3 invariant 2). */
    static final String EMAIL = "sa-1@service-accounts.invalid";

    private String name = "ERP sync";
    private AppType appType = AppType.CUSTOM;
    private String marketplaceAppId;
    private CallerRights issuer = CallerRights.OPERATOR;

    private TestServiceAccounts() {
    }

    static TestServiceAccounts custom() {
        return new TestServiceAccounts();
    }

    static TestServiceAccounts marketplace(String appId) {
        TestServiceAccounts builder = new TestServiceAccounts();
        builder.appType = AppType.MARKETPLACE;
        builder.marketplaceAppId = appId;
        return builder;
    }

    TestServiceAccounts named(String newName) {
        this.name = newName;
        return this;
    }

    TestServiceAccounts appType(AppType type) {
        this.appType = type;
        return this;
    }

    TestServiceAccounts marketplaceAppId(String appId) {
        this.marketplaceAppId = appId;
        return this;
    }

    /** The caller's rights the create command carries (the operator's unless set). */
    TestServiceAccounts issuedBy(CallerRights rights) {
        this.issuer = rights;
        return this;
    }

    CreateServiceAccountCommand command() {
        return new CreateServiceAccountCommand(ID, COMPANY, name, appType, marketplaceAppId,
                CLIENT_ID, SECRET, CONTACT, EMAIL, CREATED_AT, issuer);
    }

    ServiceAccountCreatedEvent created() {
        return new ServiceAccountCreatedEvent(ID, COMPANY, name == null ? null : name.trim(), appType,
                marketplaceAppId, CLIENT_ID, SECRET, CONTACT, EMAIL, CREATED_AT);
    }

    /** @return a new secret (hash only, no end) named {@code id}, made at {@code createdAt} */
    static HashedSecret secret(String id, Instant createdAt) {
        return new HashedSecret(new SecretId(id), new ClientSecretEncoder().encode("plaintext-of-" + id), createdAt, null);
    }

    /**
     * @return the one handler of the directory commands, finding the fixture account by its contact id
     *         ({@link #CONTACT}; any other contact is unknown)
     */
    static ContactCommandHandler contactCommands(FixtureConfiguration<ServiceAccount> fixture) {
        return new ContactCommandHandler((contactId, version) -> {
            if (!CONTACT.equals(contactId)) {
                throw DomainException.notFound("Contact");
            }
            return fixture.getRepository().load(ID.value(), version);
        });
    }

    /** @return the event of a first grant of {@code level} on {@code tool} to the fixture account */
    static CompanyPermissionGrantedEvent granted(CompanyTool tool, PermissionLevel level) {
        return new CompanyPermissionGrantedEvent(ID, COMPANY, tool, level, PermissionLevel.NONE);
    }
}
