package dev.serviceaccounts.api.permission;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Procore's permission levels, ordered: {@code NONE < READ_ONLY < STANDARD < ADMIN}. */
public enum PermissionLevel {
    NONE,
    READ_ONLY,
    STANDARD,
    ADMIN;

    /** @return true when this level is {@code other} or higher */
    public boolean atLeast(PermissionLevel other) {
        return compareTo(other) >= 0;
    }

    /**
     * The one NONE-dropping rule of tool levels, company and project alike: NONE is never stored nor sent in
     * an event (a tool not listed is NONE).
     *
     * @param levels   levels by tool; null reads as empty
     * @param toolType the tool enum ({@link CompanyTool} or {@link ProjectTool})
     * @return an unmodifiable copy of {@code levels} without its NONE (and null) entries, in tool order
     */
    public static <T extends Enum<T>> Map<T, PermissionLevel> aboveNone(Map<T, PermissionLevel> levels,
                                                                      Class<T> toolType) {
        EnumMap<T, PermissionLevel> kept = new EnumMap<>(toolType);
        if (levels != null) {
            levels.forEach((tool, level) -> {
                if (level != null && level != NONE) {
                    kept.put(tool, level);
                }
            });
        }
        return Collections.unmodifiableMap(kept);
    }
}
