package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who last changed each permission of an account, and when: kept beside the fold ({@link AccountState}) from the
 * difference between the states before and after each event, so that the events' effects stay written once.
 * A grant, a revocation (NONE), a project membership set or removed, and a reset (which wipes everything to NONE)
 * each record the levels they changed; a step that leaves a level as it was keeps its earlier change, so the
 * entry of a held level names whoever gave it. A level back to NONE keeps its entry ({@code level: NONE}): who
 * took it away.
 *
 * @param company  company tool to its last change, for every tool ever changed
 * @param projects project id to project tool to its last change, for every project tool ever changed
 */
public record PermissionChanges(Map<CompanyTool, Change> company, Map<String, Map<ProjectTool, Change>> projects) {

    /** An account's changes at its creation: none. */
    public static final PermissionChanges NONE = new PermissionChanges(Map.of(), Map.of());

    /** Copies the maps. */
    public PermissionChanges {
        company = Collections.unmodifiableMap(company.isEmpty() ? new EnumMap<>(CompanyTool.class)
                : new EnumMap<>(company));
        TreeMap<String, Map<ProjectTool, Change>> copy = new TreeMap<>();
        projects.forEach((projectId, tools) -> copy.put(projectId,
                Collections.unmodifiableMap(tools.isEmpty() ? new EnumMap<>(ProjectTool.class) : new EnumMap<>(tools))));
        projects = Collections.unmodifiableMap(copy);
    }

    /**
     * One permission's last change.
     *
     * @param level     the level it was set to (NONE: revoked, removed with its project membership, or wiped by a reset)
     * @param changedBy the actor of the event that set it, from the event's metadata ({@code operator} or a
     *                  {@code client_id}, docs/design.md §4); null for an event recorded without one
     * @param changedAt the event's timestamp
     */
    public record Change(PermissionLevel level, String changedBy, Instant changedAt) {
    }

    /**
     * @param before the state before the event
     * @param after  the state after it
     * @param actor  who asked for it (null: not recorded)
     * @param at     when
     * @return these changes with every company or project tool level that differs between the two states
     *         recorded as changed by {@code actor} at {@code at}
     */
    public PermissionChanges after(AccountState before, AccountState after, String actor, Instant at) {
        EnumMap<CompanyTool, Change> nextCompany = new EnumMap<>(CompanyTool.class);
        nextCompany.putAll(company);
        for (CompanyTool tool : CompanyTool.values()) {
            PermissionLevel level = after.permissions().levelOn(tool);
            if (level != before.permissions().levelOn(tool)) {
                nextCompany.put(tool, new Change(level, actor, at));
            }
        }
        Map<String, Map<ProjectTool, Change>> nextProjects = new TreeMap<>(projects);
        TreeSet<String> projectIds = new TreeSet<>(before.projects().keySet());
        projectIds.addAll(after.projects().keySet());
        for (String projectId : projectIds) {
            Map<ProjectTool, PermissionLevel> was = before.projects().getOrDefault(projectId, Map.of());
            Map<ProjectTool, PermissionLevel> is = after.projects().getOrDefault(projectId, Map.of());
            EnumMap<ProjectTool, Change> tools = new EnumMap<>(ProjectTool.class);
            tools.putAll(nextProjects.getOrDefault(projectId, Map.of()));
            for (ProjectTool tool : ProjectTool.values()) {
                PermissionLevel level = is.getOrDefault(tool, PermissionLevel.NONE);
                if (!Objects.equals(level, was.getOrDefault(tool, PermissionLevel.NONE))) {
                    tools.put(tool, new Change(level, actor, at));
                }
            }
            if (!tools.isEmpty()) {
                nextProjects.put(projectId, tools);
            }
        }
        return new PermissionChanges(nextCompany, nextProjects);
    }
}
