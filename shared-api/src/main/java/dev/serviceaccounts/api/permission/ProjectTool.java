package dev.serviceaccounts.api.permission;

/** Project-level tools a service account can be granted a {@link PermissionLevel} on (docs/design.md §3). */
public enum ProjectTool {
    BUDGET,
    DIRECTORY,
    DOCUMENTS,
    DRAWINGS,
    RFIS,
    SUBMITTALS,
    SCHEDULE,
    PHOTOS
}
