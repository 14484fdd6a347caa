package dev.serviceaccounts.query.audit;

import dev.serviceaccounts.api.PlatformEvent;
import dev.serviceaccounts.api.company.CompanyScopedEvent;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every event type of the system: the {@link CompanyScopedEvent} and {@link PlatformEvent} records of
 * {@code dev.serviceaccounts.api}, found on the class path once, by their simple name (the {@code type} of an audit
 * entry and of its filter).
 */
public final class AuditEventTypes {

    private static final Map<String, Class<?>> ALL = scan();

    private AuditEventTypes() {
    }

    /** @return every event type by its simple name, sorted by name */
    public static Map<String, Class<?>> all() {
        return ALL;
    }

    private static Map<String, Class<?>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(CompanyScopedEvent.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(PlatformEvent.class));
        Map<String, Class<?>> types = new TreeMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.serviceaccounts.api")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(),
                    AuditEventTypes.class.getClassLoader());
            types.put(type.getSimpleName(), type);
        }
        return Collections.unmodifiableMap(types);
    }
}
