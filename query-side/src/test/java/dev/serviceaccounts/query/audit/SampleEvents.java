package dev.serviceaccounts.query.audit;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One instance of any event type, built by reflection from its record components, so that a test covers every
 * event type, present and future: ids get a fresh UUID, enums their first constant, lists and maps one element,
 * and every {@code String} whose component is named like a hash or a secret gets {@link #HASH}, as does a
 * {@code HashedSecret}'s hash.
 */
final class SampleEvents {

    /** The text every hash of a sample event holds. */
    static final String HASH = "{sa-sha256}c2VjcmV0LWhhc2gtdGhhdC1tdXN0LW5ldmVyLWFwcGVhcg";

    private SampleEvents() {
    }

    /** @return an instance of {@code type}, a record, with {@code companyId} as every company id */
    static Object of(Class<?> type, String companyId) {
        return value(type, type, "event", companyId);
    }

    private static Object value(Type generic, Class<?> type, String name, String companyId) {
        if (type == String.class) {
            String lower = name.toLowerCase();
            if (lower.contains("hash") || lower.contains("secret")) {
                return HASH;
            }
            return name.equals("value") ? UUID.randomUUID().toString() : name + "-sample";
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == long.class || type == Long.class) {
            return 7L;
        }
        if (type == int.class || type == Integer.class) {
            return 7;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-01T10:00:00Z");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[type.getEnumConstants().length - 1];
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(value(element, (Class<?>) element, name, companyId));
        }
        if (type == Map.class) {
            Type[] arguments = ((ParameterizedType) generic).getActualTypeArguments();
            return Map.of(value(arguments[0], (Class<?>) arguments[0], name, companyId),
                    value(arguments[1], (Class<?>) arguments[1], name, companyId));
        }
        if (type.isRecord()) {
            if (type.getSimpleName().equals("CompanyId")) {
                return construct(type, companyId);
            }
            RecordComponent[] components = type.getRecordComponents();
            Object[] arguments = Arrays.stream(components)
                    .map(component -> value(component.getGenericType(), component.getType(),
                            type.getSimpleName().equals("HashedSecret") && component.getName().equals("hash")
                                    ? "hash" : component.getName(), companyId))
                    .toArray();
            return construct(type, arguments);
        }
        throw new IllegalStateException("no sample for " + type + " (" + name + "): teach SampleEvents");
    }

    private static Object construct(Class<?> type, Object... arguments) {
        try {
            Class<?>[] parameters = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<?> constructor = type.getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }
}
