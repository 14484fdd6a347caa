package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.web.InvalidParametersException;
import dev.serviceaccounts.query.web.QueryParameters;
import java.time.Instant;

/**
 * The filters and page of {@code GET .../service-accounts} (docs/design.md §5). A null filter matches everything.
 *
 * @param namePrefix case-insensitive prefix of the name
 * @param after      the cursor of the previous page; null for the first page
 * @param limit      page size, 1 to {@value #MAX_LIMIT}; 1 to {@value #MAX_AS_OF_LIMIT} with {@code asOf}
 * @param asOf       the instant whose state is listed (docs/decisions.md D33); null for the current state
 */
public record ServiceAccountListQuery(AccountStatus status, AppType appType, Boolean usable, String namePrefix,
                                      PageCursor after, int limit, Instant asOf) {

    /** Page size when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest page size. */
    public static final int MAX_LIMIT = 200;
    /** Largest page size of a list at an instant, which folds each account's events (docs/decisions.md D33). */
    public static final int MAX_AS_OF_LIMIT = 100;

    /**
     * Parses the query-string values (each null when absent).
     *
     * @param asOf an instant not after {@code now} ({@link QueryParameters#parsePastInstant})
     * @throws InvalidParametersException listing every invalid parameter
     */
    public static ServiceAccountListQuery parse(String status, String appType, String usable, String namePrefix,
                                                String cursor, String limit, String asOf, Instant now) {
        QueryParameters parameters = new QueryParameters();
        Instant instant = parameters.parsePastInstant("asOf", asOf, now);
        int maxLimit = asOf == null ? MAX_LIMIT : MAX_AS_OF_LIMIT;
        ServiceAccountListQuery query = new ServiceAccountListQuery(
                parameters.parseEnum("status", status, AccountStatus.class),
                parameters.parseEnum("appType", appType, AppType.class),
                parameters.parseBoolean("usable", usable),
                parameters.parseText("namePrefix", namePrefix, 255),
                parameters.parse("cursor", cursor, PageCursor::decode, "must be a nextCursor of this list"),
                orZero(parameters.parseInt("limit", limit, 1, maxLimit, DEFAULT_LIMIT)), instant);
        parameters.validate();
        return query;
    }

    /**
     * The filters applied to an account folded in memory (the list at an instant); the current list asks the same
     * of MongoDB ({@link ServiceAccountViews#findPage}).
     *
     * @return true when {@code view} passes every filter of this query
     */
    public boolean matches(ServiceAccountView view) {
        return (status == null || status == view.status())
                && (appType == null || appType == view.appType())
                && (usable == null || usable == view.usable())
                && (namePrefix == null || view.name().regionMatches(true, 0, namePrefix, 0, namePrefix.length()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
