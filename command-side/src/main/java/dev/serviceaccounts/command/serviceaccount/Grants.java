package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.command.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;

/** A service account's company tool levels and project memberships. A reset wipes both (Procore). */
class Grants {

    private CompanyPermissions company = CompanyPermissions.NONE;
    private final Map<String, Map<ProjectTool, PermissionLevel>> projects = new LinkedHashMap<>();

    CompanyPermissions company() {
        return company;
    }

    /** @return the project's levels above NONE; null when the account is not a member */
    Map<ProjectTool, PermissionLevel> project(String projectId) {
        return projects.get(projectId);
    }

    List<String> projectIds() {
        return List.copyOf(projects.keySet());
    }

    /** @return the project memberships: project id to its levels above NONE */
    Map<String, Map<ProjectTool, PermissionLevel>> projects() {
        return Map.copyOf(projects);
    }

    /**
     * docs/design.md §4 "No credential carries more than its issuer holds": a new secret of this account carries its
     * grants, so the caller who asks for it must hold, on every company tool and every project tool, at least
     * the level this account holds. Levels are compared as effective levels ({@link CallerRights}): company
     * DIRECTORY ADMIN implies ADMIN on every tool.
     *
     * @param issuer  the caller's rights, as carried in the command
     * @param carried true when the secret carries these grants (rotation); false when the account holds none
     *                after the command (creation, reset), so that only a missing {@code issuer} is refused
     * @throws DomainException CREDENTIAL_EXCEEDS_CALLER naming each permission the caller lacks, or when
     *                         the command carries no caller rights
     */
    void requireHeldBy(CallerRights issuer, boolean carried) {
        if (issuer == null) {
            throw new DomainException(ErrorCode.CREDENTIAL_EXCEEDS_CALLER,
                    "The command does not say what its caller holds, so no credential is handed out");
        }
        if (!carried) {
            return;
        }
        List<String> lacking = new ArrayList<>();
        for (CompanyTool tool : CompanyTool.values()) {
            PermissionLevel held = company.effectiveLevel(tool);
            if (!issuer.companyLevel(tool).atLeast(held)) {
                lacking.add("company " + tool + " " + held);
            }
        }
        projects.forEach((projectId, levels) -> levels.forEach((tool, level) -> {
            if (!issuer.projectLevel(projectId, tool).atLeast(level)) {
                lacking.add("project " + projectId + " " + tool + " " + level);
            }
        }));
        if (!lacking.isEmpty()) {
            throw new DomainException(ErrorCode.CREDENTIAL_EXCEEDS_CALLER, "The service account holds "
                    + String.join(", ", lacking) + ", which you do not hold: a credential for it would give you "
                    + "more than you have. Ask a caller who holds them, or reset the secret (which wipes its "
                    + "permissions).");
        }
    }

    @EventSourcingHandler
    void on(CompanyPermissionGrantedEvent event) {
        company = company.with(event.tool(), event.level());
    }

    @EventSourcingHandler
    void on(CompanyPermissionRevokedEvent event) {
        company = company.with(event.tool(), PermissionLevel.NONE);
    }

    @EventSourcingHandler
    void on(ProjectMembershipSetEvent event) {
        projects.put(event.projectId(), event.permissions());
    }

    @EventSourcingHandler
    void on(ProjectMembershipRemovedEvent event) {
        projects.remove(event.projectId());
    }

    @EventSourcingHandler
    void on(ClientSecretResetEvent event) {
        company = CompanyPermissions.NONE;
        projects.clear();
    }
}
