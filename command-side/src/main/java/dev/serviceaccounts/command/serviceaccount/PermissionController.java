package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.Requests.companyId;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.command.serviceaccount.PermissionService.Granted;
import dev.serviceaccounts.command.serviceaccount.PermissionService.ProjectLevels;
import dev.serviceaccounts.web.security.Caller;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service account's permissions (docs/design.md §5): company tool levels (GrantPermission) and project
 * memberships, each one call of {@link PermissionService}.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts/{serviceAccountId}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class PermissionController {

    private final PermissionService permissions;

    public PermissionController(PermissionService permissions) {
        this.permissions = permissions;
    }

    /**
     * GrantPermission on a company tool. Body {@code {level: NONE|READ_ONLY|STANDARD|ADMIN}}; NONE revokes.
     *
     * @return 200 {@code {serviceAccountId, tool, level}}; 400 for an unknown tool or level
     */
    @PutMapping(path = "/permissions/company/{tool}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PermissionSet grant(@PathVariable String companyId, @PathVariable String serviceAccountId,
                               @PathVariable String tool, @RequestBody LevelRequest body,
                               @AuthenticationPrincipal Caller caller) {
        Granted granted = permissions.grant(caller, companyId(companyId), serviceAccountId, tool, body.level());
        return new PermissionSet(granted.serviceAccountId().value(), granted.tool(), granted.level());
    }

    /**
     * Adds the account to a project or changes its levels there. Body {@code {permissions: {TOOL: LEVEL}}}.
     *
     * @return 200 {@code {serviceAccountId, projectId, permissions}} (levels above NONE)
     */
    @PutMapping(path = "/projects/{projectId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ProjectMembership setProject(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                        @PathVariable String projectId, @RequestBody ProjectRequest body,
                                        @AuthenticationPrincipal Caller caller) {
        ProjectLevels set = permissions.setProject(caller, companyId(companyId), serviceAccountId, projectId,
                body.permissions());
        return new ProjectMembership(set.serviceAccountId().value(), projectId, set.levels());
    }

    /** Removes the account from a project. @return 204; 404 when it is not a member */
    @DeleteMapping("/projects/{projectId}")
    public ResponseEntity<Void> removeProject(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                              @PathVariable String projectId, @AuthenticationPrincipal Caller caller) {
        permissions.removeProject(caller, companyId(companyId), serviceAccountId, projectId);
        return ResponseEntity.noContent().build();
    }

    /** Request body of GrantPermission. */
    public record LevelRequest(String level) {
    }

    /** Request body of a project membership: project tool name to level name. */
    public record ProjectRequest(Map<String, String> permissions) {
    }

    /** Response of GrantPermission. */
    public record PermissionSet(String serviceAccountId, CompanyTool tool, PermissionLevel level) {
    }

    /** Response of a project membership change. */
    public record ProjectMembership(String serviceAccountId, String projectId, Map<ProjectTool, PermissionLevel> permissions) {
    }
}
