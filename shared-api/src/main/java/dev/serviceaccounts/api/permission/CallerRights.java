package dev.serviceaccounts.api.permission;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the caller of a command holds, read at the edge from the caller's own aggregate and carried in every
 * command that hands out a credential, so that the target account can refuse to hand out more than its
 * issuer holds (docs/design.md §4 "No credential carries more than its issuer holds").
 *
 * <p>Effective levels follow Procore's escalation rule: ADMIN on the company DIRECTORY tool implies ADMIN on
 * every company tool and, for this comparison, on every tool of every project too (a Directory admin can
 * grant itself any project membership anyway). The platform operator holds everything.
 *
 * @param operator true for the platform operator, who holds every permission
 * @param company  the caller's company tool levels
 * @param projects the caller's project memberships: project id to its tool levels above NONE
 */
public record CallerRights(boolean operator, CompanyPermissions company,
                           Map<String, Map<ProjectTool, PermissionLevel>> projects) {

    /** The platform operator's rights: everything. */
    public static final CallerRights OPERATOR = new CallerRights(true, CompanyPermissions.NONE, Map.of());

    /** No permission at all. */
    public static final CallerRights NONE = new CallerRights(false, CompanyPermissions.NONE, Map.of());

    public CallerRights {
        company = company == null ? CompanyPermissions.NONE : company;
        Map<String, Map<ProjectTool, PermissionLevel>> copy = new TreeMap<>();
        if (projects != null) {
            projects.forEach((projectId, levels) -> copy.put(projectId,
                    levels == null || levels.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(levels))));
        }
        projects = java.util.Collections.unmodifiableMap(copy);
    }

    /** @return the rights of an account with these grants */
    public static CallerRights of(CompanyPermissions company, Map<String, Map<ProjectTool, PermissionLevel>> projects) {
        return new CallerRights(false, company, projects);
    }

    /** @return the caller's effective level on a company tool (ADMIN for the operator) */
    public PermissionLevel companyLevel(CompanyTool tool) {
        return operator ? PermissionLevel.ADMIN : company.effectiveLevel(tool);
    }

    /**
     * @return the caller's effective level on a project tool: ADMIN for the operator and for a company
     *         Directory admin, else its membership's level (NONE when not a member)
     */
    public PermissionLevel projectLevel(String projectId, ProjectTool tool) {
        if (operator || company.levelOn(CompanyTool.DIRECTORY) == PermissionLevel.ADMIN) {
            return PermissionLevel.ADMIN;
        }
        return projects.getOrDefault(projectId, Map.of()).getOrDefault(tool, PermissionLevel.NONE);
    }
}
