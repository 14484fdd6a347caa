package dev.serviceaccounts.command;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parsing of the path and body values of a request, by the controllers and the use-case services: a malformed id
 * is "not found", a bad enum a field error.
 */
public final class Requests {

    private Requests() {
    }

    public static CompanyId companyId(String value) {
        try {
            return new CompanyId(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("Company");
        }
    }

    public static ServiceAccountId serviceAccountId(String value) {
        try {
            return new ServiceAccountId(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("Service account");
        }
    }

    public static ContactId contactId(String value, String field) {
        try {
            return new ContactId(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            if (field != null) {
                throw DomainException.invalidFields(Map.of(field, "must be a contact id (UUID)"));
            }
            throw DomainException.notFound("Contact");
        }
    }

    /** @return the constant named {@code value} (case-insensitive), or null when there is none */
    public static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equals(value.trim().replace('-', '_').toUpperCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    /** @return the constant named {@code value} (case-insensitive), or null when {@code value} is null and optional */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, boolean required) {
        if (value == null && !required) {
            return null;
        }
        String allowed = Arrays.toString(type.getEnumConstants());
        return Optional.ofNullable(value)
                .flatMap(v -> Arrays.stream(type.getEnumConstants())
                        .filter(c -> c.name().equals(v.trim().replace('-', '_').toUpperCase(Locale.ROOT)))
                        .findFirst())
                .orElseThrow(() -> DomainException.invalidFields(Map.of(field, "must be one of " + allowed)));
    }
}
