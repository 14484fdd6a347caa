package dev.serviceaccounts.command.web;

import static dev.serviceaccounts.command.web.Requests.companyId;
import static dev.serviceaccounts.command.web.Requests.enumValue;
import static dev.serviceaccounts.command.web.Requests.serviceAccountId;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.permission.RemoveProjectMembershipCommand;
import dev.serviceaccounts.api.permission.SetProjectMembershipCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.security.CallerAuthorization;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service account's permissions (docs/design.md §5): company tool levels (GrantPermission) and project
 * memberships. All need ADMIN on the company Directory tool (docs/design.md §4).
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts/{serviceAccountId}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class PermissionController {

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CallerAuthorization authorization;
    private final CommandSender commands;

    public PermissionController(CallerAuthorization authorization, CommandSender commands) {
        this.authorization = authorization;
        this.commands = commands;
    }

    /**
     * GrantPermission on a company tool. Body {@code {level: NONE|READ_ONLY|STANDARD|ADMIN}}; NONE revokes.
     *
     * @return 200 {@code {serviceAccountId, tool, level}}; 400 for an unknown tool or level
     */
    @PutMapping(path = "/permissions/company/{tool}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PermissionSet grant(@PathVariable String companyId, @PathVariable String serviceAccountId,
                               @PathVariable String tool, @RequestBody LevelRequest body,
                               @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        CommandDispatch dispatch = directoryAdmin(token, company, request);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        CompanyTool companyTool = enumValue(CompanyTool.class, tool, "tool", true);
        PermissionLevel level = enumValue(PermissionLevel.class, body.level(), "level", true);
        dispatch.send(new GrantCompanyPermissionCommand(id, company, companyTool, level));
        return new PermissionSet(id.value(), companyTool, level);
    }

    /**
     * Adds the account to a project or changes its levels there. Body {@code {permissions: {TOOL: LEVEL}}}.
     *
     * @return 200 {@code {serviceAccountId, projectId, permissions}} (levels above NONE)
     */
    @PutMapping(path = "/projects/{projectId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ProjectMembership setProject(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                        @PathVariable String projectId, @RequestBody ProjectRequest body,
                                        @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        CommandDispatch dispatch = directoryAdmin(token, company, request);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        if (!PROJECT_ID.matcher(projectId).matches()) {
            throw DomainException.invalidFields(Map.of("projectId", "must be 1-64 characters of [A-Za-z0-9_-]"));
        }
        if (body.permissions() == null) {
            throw DomainException.invalidFields(Map.of("permissions", "is required: {TOOL: LEVEL}"));
        }
        Map<ProjectTool, PermissionLevel> levels = new EnumMap<>(ProjectTool.class);
        body.permissions().forEach((tool, level) -> levels.put(
                enumValue(ProjectTool.class, tool, "permissions." + tool, true),
                enumValue(PermissionLevel.class, level, "permissions." + tool, true)));
        dispatch.send(new SetProjectMembershipCommand(id, company, projectId, levels));
        levels.values().removeIf(PermissionLevel.NONE::equals);
        return new ProjectMembership(id.value(), projectId, levels);
    }

    /** Removes the account from a project. @return 204; 404 when it is not a member */
    @DeleteMapping("/projects/{projectId}")
    public ResponseEntity<Void> removeProject(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                              @PathVariable String projectId, @AuthenticationPrincipal Jwt token,
                                              HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        directoryAdmin(token, company, request)
                .send(new RemoveProjectMembershipCommand(serviceAccountId(serviceAccountId), company, projectId));
        return ResponseEntity.noContent().build();
    }

    private CommandDispatch directoryAdmin(Jwt token, CompanyId company, HttpServletRequest request) {
        return commands.as(authorization.requireCompanyLevel(token, company, CompanyTool.DIRECTORY,
                PermissionLevel.ADMIN), request);
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
