package dev.serviceaccounts.command.serviceaccount;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.command.DomainException;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A service account: a machine identity of one company, with its client secrets (hashes only) and its
 * company tool permissions. Starts with NONE on every tool (Procore).
 */
@Aggregate
class ServiceAccount {

    @AggregateIdentifier
    private ServiceAccountId serviceAccountId;
    private CompanyId companyId;
    private AccountStatus status;
    private CompanyPermissions companyPermissions = CompanyPermissions.NONE;

    @CommandHandler
    ServiceAccount(CreateServiceAccountCommand command) {
        ServiceAccountFields.check(command);
        apply(new ServiceAccountCreatedEvent(command.serviceAccountId(), command.companyId(),
                command.name().trim(), command.appType(), command.marketplaceAppId(), command.clientId(),
                command.secret(), command.contactId(), command.contactEmail(), command.createdAt()));
    }

    @CommandHandler
    void handle(GrantCompanyPermissionCommand command) {
        requireInCompany(command.companyId());
        requireNotDeleted();
        if (command.tool() == null || command.level() == null) {
            throw DomainException.invalidFields(command.tool() == null
                    ? Map.of("tool", "must be one of " + java.util.Arrays.toString(CompanyTool.values()))
                    : Map.of("level", "must be one of NONE, READ_ONLY, STANDARD, ADMIN"));
        }
        PermissionLevel previous = companyPermissions.levelOn(command.tool());
        if (previous == command.level()) {
            return;
        }
        if (command.level() == PermissionLevel.NONE) {
            apply(new CompanyPermissionRevokedEvent(serviceAccountId, companyId, command.tool(), previous));
        } else {
            apply(new CompanyPermissionGrantedEvent(serviceAccountId, companyId, command.tool(),
                    command.level(), previous));
        }
    }

    /** @return what an authorization decision needs to know of this account, as of now */
    AccountRights rights() {
        return new AccountRights(serviceAccountId, companyId, status, companyPermissions);
    }

    private void requireInCompany(CompanyId actingCompany) {
        if (!companyId.equals(actingCompany)) {
            throw DomainException.notFound("Service account");
        }
    }

    private void requireNotDeleted() {
        if (status == AccountStatus.DELETED) {
            throw new DomainException(ErrorCode.ACCOUNT_DELETED, "The service account is deleted");
        }
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        this.serviceAccountId = event.serviceAccountId();
        this.companyId = event.companyId();
        this.status = AccountStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(CompanyPermissionGrantedEvent event) {
        companyPermissions = companyPermissions.with(event.tool(), event.level());
    }

    @EventSourcingHandler
    void on(CompanyPermissionRevokedEvent event) {
        companyPermissions = companyPermissions.with(event.tool(), PermissionLevel.NONE);
    }

    ServiceAccount() {
        // for Axon
    }
}
