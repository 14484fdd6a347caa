package dev.serviceaccounts.command;

import dev.serviceaccounts.api.error.ErrorCode;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;

/** Matchers of the {@link DomainException}s aggregates throw, for {@code expectException(...)}. */
public final class DomainErrors {

    private DomainErrors() {
    }

    /** @return a matcher of a {@link DomainException} with {@code code} and, unless null, an error on {@code field} */
    public static Matcher<Throwable> domainError(ErrorCode code, String field) {
        return Matchers.<Throwable>predicate(e -> e instanceof DomainException domain && domain.code() == code
                && (field == null || domain.details().fieldErrors().containsKey(field)));
    }

    /** @return a matcher of a {@link DomainException} with {@code code}, whatever its fields */
    public static Matcher<Throwable> domainError(ErrorCode code) {
        return domainError(code, null);
    }
}
