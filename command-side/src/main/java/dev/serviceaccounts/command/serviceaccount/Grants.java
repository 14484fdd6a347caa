package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import java.util.EnumMap;
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

    /** @return {@code levels} without NONE entries, as stored and sent in events */
    static Map<ProjectTool, PermissionLevel> aboveNone(Map<ProjectTool, PermissionLevel> levels) {
        Map<ProjectTool, PermissionLevel> kept = new EnumMap<>(ProjectTool.class);
        levels.forEach((tool, level) -> {
            if (level != PermissionLevel.NONE) {
                kept.put(tool, level);
            }
        });
        return Map.copyOf(kept);
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
