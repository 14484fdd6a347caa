package dev.serviceaccounts.api.permission;

import java.util.EnumMap;
import java.util.Map;

/**
 * An account's company tool levels. A tool not listed is NONE; NONE is never stored.
 *
 * @param levels levels above NONE, by tool
 */
public record CompanyPermissions(Map<CompanyTool, PermissionLevel> levels) {

    /** No permission at all: what a new account has (Procore). */
    public static final CompanyPermissions NONE = new CompanyPermissions(Map.of());

    /** Drops NONE levels ({@link PermissionLevel#aboveNone}). */
    public CompanyPermissions {
        levels = PermissionLevel.aboveNone(levels, CompanyTool.class);
    }

    /** @return the level set on {@code tool}, NONE when unset */
    public PermissionLevel levelOn(CompanyTool tool) {
        return levels.getOrDefault(tool, PermissionLevel.NONE);
    }

    /**
     * The level that decides access: ADMIN on the company DIRECTORY tool implies ADMIN on every tool
     * (Procore's escalation rule, docs/design.md §3).
     */
    public PermissionLevel effectiveLevel(CompanyTool tool) {
        return levelOn(CompanyTool.DIRECTORY) == PermissionLevel.ADMIN ? PermissionLevel.ADMIN : levelOn(tool);
    }

    /** @return a copy with {@code tool} at {@code level} (NONE removes it) */
    public CompanyPermissions with(CompanyTool tool, PermissionLevel level) {
        EnumMap<CompanyTool, PermissionLevel> copy = new EnumMap<>(CompanyTool.class);
        copy.putAll(levels);
        copy.put(tool, level);
        return new CompanyPermissions(copy);
    }

    /** @return true when some tool is above NONE (else a token is issued but useless: NO_PERMISSIONS) */
    public boolean any() {
        return !levels.isEmpty();
    }
}
