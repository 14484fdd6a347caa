package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.query.web.InvalidParametersException;
import dev.serviceaccounts.query.web.QueryParameters;

/**
 * The filters and page of {@code GET .../service-accounts} (docs/design.md §5). A null filter matches everything.
 *
 * @param namePrefix case-insensitive prefix of the name
 * @param after      the cursor of the previous page; null for the first page
 * @param limit      page size, 1 to {@value #MAX_LIMIT}
 */
public record ServiceAccountListQuery(AccountStatus status, AppType appType, Boolean usable, String namePrefix,
                                      PageCursor after, int limit) {

    /** Page size when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest page size. */
    public static final int MAX_LIMIT = 200;

    /**
     * Parses the query-string values (each null when absent).
     *
     * @throws InvalidParametersException listing every invalid parameter
     */
    public static ServiceAccountListQuery parse(String status, String appType, String usable, String namePrefix,
                                                String cursor, String limit) {
        QueryParameters parameters = new QueryParameters();
        ServiceAccountListQuery query = new ServiceAccountListQuery(
                parameters.parseEnum("status", status, AccountStatus.class),
                parameters.parseEnum("appType", appType, AppType.class),
                parameters.parseBoolean("usable", usable),
                parameters.parseText("namePrefix", namePrefix, 255),
                parameters.parse("cursor", cursor, PageCursor::decode, "must be a nextCursor of this list"),
                orZero(parameters.parseInt("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT)));
        parameters.validate();
        return query;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
