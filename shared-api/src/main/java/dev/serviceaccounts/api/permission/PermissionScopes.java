package dev.serviceaccounts.api.permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * OAuth 2.0 scope values (RFC 6749 §3.3) for company tool permissions: one per tool and level above NONE,
 * {@code <tool>:<level>} in lower case with {@code -} for {@code _}, such as {@code documents:read-only},
 * {@code erp-integrations:standard} or {@code admin:admin}. A level implies the lower ones, so an account with
 * STANDARD on Documents holds {@code documents:read-only} and {@code documents:standard}; its effective levels
 * count (Directory ADMIN holds ADMIN on every tool). A client asks for a subset of what its account holds; a
 * token asked without {@code scope} carries all of it (docs/decisions.md D27). Project tools are not scopes.
 */
public final class PermissionScopes {

    private static final List<PermissionLevel> GRANTABLE =
            List.of(PermissionLevel.READ_ONLY, PermissionLevel.STANDARD, PermissionLevel.ADMIN);
    private static final List<String> SUPPORTED = supportedScopes();

    private PermissionScopes() {
    }

    /** @return the scope value of {@code level} on {@code tool}, e.g. {@code documents:read-only} */
    public static String of(CompanyTool tool, PermissionLevel level) {
        return name(tool.name()) + ":" + name(level.name());
    }

    /** @return every scope value, tool by tool, levels ascending (the metadata's {@code scopes_supported}) */
    public static List<String> supported() {
        return SUPPORTED;
    }

    /**
     * @param permissions an account's company permissions; null for the operator, who holds every scope
     * @return the scope values the holder may ask for, in {@link #supported()} order
     */
    public static Set<String> held(CompanyPermissions permissions) {
        Set<String> held = new LinkedHashSet<>();
        for (CompanyTool tool : CompanyTool.values()) {
            PermissionLevel effective = permissions == null ? PermissionLevel.ADMIN : permissions.effectiveLevel(tool);
            for (PermissionLevel level : GRANTABLE) {
                if (effective.atLeast(level)) {
                    held.add(of(tool, level));
                }
            }
        }
        return held;
    }

    /**
     * @param requested   the request's {@code scope} parameter: space-separated values; null or blank for none
     * @param permissions the account's company permissions; null for the operator
     * @return the scope to grant, in {@link #supported()} order: when none is requested, all that an account holds
     *         (the operator's token then carries none: it acts as the operator, not by scopes), else the requested
     *         values; empty when a requested value is unknown or not held ({@code invalid_scope})
     */
    public static Optional<Set<String>> granted(String requested, CompanyPermissions permissions) {
        Set<String> held = held(permissions);
        if (requested == null || requested.isBlank()) {
            return Optional.of(permissions == null ? Set.of() : held);
        }
        Set<String> asked = new HashSet<>(Arrays.asList(requested.trim().split(" +")));
        if (!held.containsAll(asked)) {
            return Optional.empty();
        }
        Set<String> granted = new LinkedHashSet<>(held);
        granted.retainAll(asked);
        return Optional.of(granted);
    }

    private static List<String> supportedScopes() {
        List<String> all = new ArrayList<>();
        for (CompanyTool tool : CompanyTool.values()) {
            for (PermissionLevel level : GRANTABLE) {
                all.add(of(tool, level));
            }
        }
        return List.copyOf(all);
    }

    private static String name(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
