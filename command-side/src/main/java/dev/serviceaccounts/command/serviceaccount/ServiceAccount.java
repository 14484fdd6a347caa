package dev.serviceaccounts.command.serviceaccount;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.directory.AddContactToDirectoryCommand;
import dev.serviceaccounts.api.directory.ChangeDirectoryEmailCommand;
import dev.serviceaccounts.api.directory.RemoveContactFromDirectoryCommand;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.permission.RemoveProjectMembershipCommand;
import dev.serviceaccounts.api.permission.SetProjectMembershipCommand;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.CredentialCommand;
import dev.serviceaccounts.api.serviceaccount.DeactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.EditServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ReactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeactivatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountDeletedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountEditedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountReactivatedEvent;
import dev.serviceaccounts.command.CompanyGuard;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.directory.ContactState;
import dev.serviceaccounts.command.directory.DirectoryContact;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A service account: a machine identity of one company. Its parts hold their own rules: the directory
 * contact ({@link ServiceAccountContact}, invariants 1 and 2), the client secrets ({@link ClientSecrets},
 * 5 and 6), the grants ({@link Grants}) and the cutoff of its access tokens ({@link TokenValidity}).
 * Here: creation, edit, lifecycle (DELETED is terminal, invariant 7), and the guard every command passes,
 * which also holds docs/design.md §4 "No credential carries more than its issuer holds" for every
 * {@link CredentialCommand}. It is also a directory contact ({@link DirectoryContact}): the directory
 * commands reach it through the one handler of each, and its contact decides; a deleted account's contact
 * may still leave a foreign directory, nothing else.
 */
@Aggregate
class ServiceAccount implements DirectoryContact {

    private static final java.util.regex.Pattern PROJECT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @AggregateIdentifier
    private ServiceAccountId serviceAccountId;
    private CompanyId companyId;
    private AccountStatus status;
    private ServiceAccountFields fields;
    @AggregateMember
    private final ServiceAccountContact contact = new ServiceAccountContact();
    @AggregateMember
    private final ClientSecrets secrets = new ClientSecrets();
    @AggregateMember
    private final Grants grants = new Grants();
    @AggregateMember
    private final TokenValidity tokens = new TokenValidity();

    @CommandHandler
    ServiceAccount(CreateServiceAccountCommand command) {
        requireIssuerHolds(command);
        ServiceAccountFields created = ServiceAccountFields.of(command.name(), command.appType(), command.marketplaceAppId());
        apply(new ServiceAccountCreatedEvent(command.serviceAccountId(), command.companyId(), created.name(),
                created.appType(), created.marketplaceAppId(), command.clientId(), command.secret(),
                command.contactId(), command.contactEmail(), command.createdAt()));
    }

    /**
     * No account command reaches a deleted account. Every command passes the company check first
     * ({@link CompanyGuard}): account commands only reach an account from its own company. A command that hands
     * out a secret is refused when this account holds more than its caller ({@link #requireIssuerHolds}). The
     * directory commands reach the account through {@code ContactCommandHandler}, which runs the same company
     * check ({@link #checkCompany}) before {@link #changeEmail}, {@link #addTo} or {@link #removeFrom}.
     */
    @CommandHandlerInterceptor
    Object guard(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        checkCompany(command.getPayload());
        requireNotDeleted();
        if (command.getPayload() instanceof CredentialCommand credential) {
            requireIssuerHolds(credential);
        }
        return chain.proceed();
    }

    /**
     * The one check of docs/design.md §4 "No credential carries more than its issuer holds", for every command that
     * hands out a secret: the guard runs it for commands to an existing account, the creation constructor for
     * a new one (which holds nothing yet).
     */
    private void requireIssuerHolds(CredentialCommand command) {
        grants.requireHeldBy(command.issuer(), command.keepsGrants());
    }

    @CommandHandler
    void handle(EditServiceAccountCommand command) {
        ServiceAccountFields edited = fields.edit(command.name(), command.appType(), command.marketplaceAppId());
        if (!edited.equals(fields)) {
            apply(new ServiceAccountEditedEvent(serviceAccountId, companyId, edited.name(), edited.appType(),
                    edited.marketplaceAppId()));
        }
    }

    @CommandHandler
    void handle(DeactivateServiceAccountCommand command) {
        if (status == AccountStatus.ACTIVE) {
            apply(new ServiceAccountDeactivatedEvent(serviceAccountId, companyId));
        }
    }

    @CommandHandler
    void handle(ReactivateServiceAccountCommand command) {
        if (status == AccountStatus.DEACTIVATED) {
            apply(new ServiceAccountReactivatedEvent(serviceAccountId, companyId));
        }
    }

    @CommandHandler
    void handle(DeleteServiceAccountCommand command) {
        apply(new ServiceAccountDeletedEvent(serviceAccountId, companyId));
    }

    @CommandHandler
    void handle(ResetClientSecretCommand command) {
        apply(new ClientSecretResetEvent(serviceAccountId, companyId, command.newSecret(),
                secrets.activeIds(command.newSecret().createdAt()), grants.company(), grants.projectIds()));
    }

    @CommandHandler
    void handle(RotateClientSecretCommand command) {
        apply(secrets.rotate(command));
    }

    @CommandHandler
    void handle(GrantCompanyPermissionCommand command) {
        if (command.tool() == null || command.level() == null) {
            throw DomainException.invalidFields(Map.of(command.tool() == null ? "tool" : "level", "is required"));
        }
        PermissionLevel previous = grants.company().levelOn(command.tool());
        if (previous == command.level()) {
            return;
        }
        apply(command.level() == PermissionLevel.NONE
                ? new CompanyPermissionRevokedEvent(serviceAccountId, companyId, command.tool(), previous)
                : new CompanyPermissionGrantedEvent(serviceAccountId, companyId, command.tool(), command.level(), previous));
    }

    @CommandHandler
    void handle(SetProjectMembershipCommand command) {
        if (command.projectId() == null || !PROJECT_ID.matcher(command.projectId()).matches()) {
            throw DomainException.invalidFields(Map.of("projectId", "must be 1-64 characters of [A-Za-z0-9_-]"));
        }
        if (command.permissions() == null || command.permissions().values().stream().anyMatch(java.util.Objects::isNull)) {
            throw DomainException.invalidFields(Map.of("permissions", "must map each project tool to a level"));
        }
        var levels = PermissionLevel.aboveNone(command.permissions(), ProjectTool.class);
        if (!levels.equals(grants.project(command.projectId()))) {
            apply(new ProjectMembershipSetEvent(serviceAccountId, companyId, command.projectId(), levels));
        }
    }

    @CommandHandler
    void handle(RemoveProjectMembershipCommand command) {
        if (grants.project(command.projectId()) == null) {
            throw DomainException.notFound("Project membership");
        }
        apply(new ProjectMembershipRemovedEvent(serviceAccountId, companyId, command.projectId()));
    }

    /** Invariant 2, by its contact; refused for a deleted account. */
    @Override
    public void changeEmail(ChangeDirectoryEmailCommand command) {
        requireNotDeleted();
        contact.changeEmail(command).ifPresent(event -> apply(event));
    }

    /** Invariant 1, by its contact; refused for a deleted account. */
    @Override
    public void addTo(AddContactToDirectoryCommand command) {
        requireNotDeleted();
        contact.addTo(command).ifPresent(event -> apply(event));
    }

    /**
     * Also for a deleted account: another company may still drop the deleted account's contact from its
     * directory (so a deletion never leaves a foreign directory stuck with it).
     */
    @Override
    public void removeFrom(RemoveContactFromDirectoryCommand command) {
        apply(contact.removeFrom(command));
    }

    @Override
    public ContactState contactState(long version) {
        return contact.state(version);
    }

    @Override
    public void checkCompany(Object command) {
        CompanyGuard.check(command, companyId, contact::isIn, "Service account");
    }

    private void requireNotDeleted() {
        if (status == AccountStatus.DELETED) {
            throw new DomainException(ErrorCode.ACCOUNT_DELETED, "The service account is deleted");
        }
    }

    /** @return what an authorization decision needs to know of this account, as of now */
    AccountRights rights() {
        return new AccountRights(serviceAccountId, companyId, status, contact.intact(), grants.company(),
                grants.projects(), tokens.cutoff());
    }

    /**
     * @return false only when this account is {@code company}'s and names another marketplace app than
     *         {@code marketplaceAppId}, or none (docs/decisions.md D48)
     */
    boolean keepsMarketplaceApp(CompanyId company, String marketplaceAppId) {
        return !companyId.equals(company) || marketplaceAppId.equals(fields.marketplaceAppId());
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        serviceAccountId = event.serviceAccountId();
        companyId = event.companyId();
        status = AccountStatus.ACTIVE;
        fields = new ServiceAccountFields(event.name(), event.appType(), event.marketplaceAppId());
    }

    @EventSourcingHandler
    void on(ServiceAccountEditedEvent event) {
        fields = new ServiceAccountFields(event.name(), event.appType(), event.marketplaceAppId());
        contact.rename(event.name());
    }

    @EventSourcingHandler
    void on(ServiceAccountDeactivatedEvent event) {
        status = AccountStatus.DEACTIVATED;
    }

    @EventSourcingHandler
    void on(ServiceAccountReactivatedEvent event) {
        status = AccountStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ServiceAccountDeletedEvent event) {
        status = AccountStatus.DELETED;
    }

    ServiceAccount() {
        // for Axon
    }
}
