package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.Requests.enumValue;
import static dev.serviceaccounts.command.Requests.serviceAccountId;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.permission.RemoveProjectMembershipCommand;
import dev.serviceaccounts.api.permission.SetProjectMembershipCommand;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * A service account's permissions (docs/design.md §5), one method per use case: company tool levels
 * (GrantPermission) and project memberships. All need ADMIN on the company Directory tool (docs/design.md §4).
 * Tool and level names are read case-insensitively; an unknown one is a field error.
 */
@Service
public class PermissionService {

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CompanyAccessPolicy access;
    private final CommandDispatch commands;

    public PermissionService(CompanyAccessPolicy access, CommandDispatch commands) {
        this.access = access;
        this.commands = commands;
    }

    /**
     * GrantPermission on a company tool; NONE revokes.
     *
     * @return what was granted
     * @throws DomainException INVALID_FIELD for an unknown tool or level, or whatever the policy or the
     *                         command refused
     */
    public Granted grant(Caller caller, CompanyId company, String serviceAccountId, String tool, String level) {
        requireDirectoryAdmin(caller, company);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        CompanyTool companyTool = enumValue(CompanyTool.class, tool, "tool", true);
        PermissionLevel permissionLevel = enumValue(PermissionLevel.class, level, "level", true);
        commands.send(new GrantCompanyPermissionCommand(id, company, companyTool, permissionLevel));
        return new Granted(id, companyTool, permissionLevel);
    }

    /**
     * Adds the account to a project or changes its levels there.
     *
     * @param levels project tool name to level name
     * @return the account's id and its levels in the project above NONE
     * @throws DomainException INVALID_FIELD for a malformed project id, missing levels, an unknown tool or level
     */
    public ProjectLevels setProject(Caller caller, CompanyId company, String serviceAccountId, String projectId,
                                    Map<String, String> levels) {
        requireDirectoryAdmin(caller, company);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        if (!PROJECT_ID.matcher(projectId).matches()) {
            throw DomainException.invalidFields(Map.of("projectId", "must be 1-64 characters of [A-Za-z0-9_-]"));
        }
        if (levels == null) {
            throw DomainException.invalidFields(Map.of("permissions", "is required: {TOOL: LEVEL}"));
        }
        Map<ProjectTool, PermissionLevel> parsed = new EnumMap<>(ProjectTool.class);
        levels.forEach((tool, level) -> parsed.put(
                enumValue(ProjectTool.class, tool, "permissions." + tool, true),
                enumValue(PermissionLevel.class, level, "permissions." + tool, true)));
        commands.send(new SetProjectMembershipCommand(id, company, projectId, parsed));
        parsed.values().removeIf(PermissionLevel.NONE::equals);
        return new ProjectLevels(id, parsed);
    }

    /** Removes the account from a project. @throws DomainException NOT_FOUND when it is not a member */
    public void removeProject(Caller caller, CompanyId company, String serviceAccountId, String projectId) {
        requireDirectoryAdmin(caller, company);
        commands.send(new RemoveProjectMembershipCommand(serviceAccountId(serviceAccountId), company, projectId));
    }

    private void requireDirectoryAdmin(Caller caller, CompanyId company) {
        access.require(caller, company, PermissionLevel.ADMIN, CompanyTool.DIRECTORY);
    }

    /** A company tool level as granted. */
    public record Granted(ServiceAccountId serviceAccountId, CompanyTool tool, PermissionLevel level) {
    }

    /** A project membership as set: levels above NONE. */
    public record ProjectLevels(ServiceAccountId serviceAccountId, Map<ProjectTool, PermissionLevel> levels) {
    }
}
