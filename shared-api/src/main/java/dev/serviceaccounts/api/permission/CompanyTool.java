package dev.serviceaccounts.api.permission;

import java.util.Optional;

/** Company-level tools a service account can be granted a {@link PermissionLevel} on (docs/design.md §3). */
public enum CompanyTool {
    ADMIN,
    DIRECTORY,
    DOCUMENTS,
    INSPECTIONS,
    PERMISSIONS,
    PLANROOM,
    PORTFOLIO,
    REPORTS,
    SCHEDULE,
    TIMECARD,
    ERP_INTEGRATIONS;

    /**
     * Parses a tool name as sent in a URL path, case-insensitively, with {@code -} accepted for {@code _}.
     *
     * @return empty when no tool has that name
     */
    public static Optional<CompanyTool> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        for (CompanyTool tool : values()) {
            if (tool.name().equals(normalized)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }
}
