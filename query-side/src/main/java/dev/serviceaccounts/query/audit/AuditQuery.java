package dev.serviceaccounts.query.audit;

import dev.serviceaccounts.api.Ids;
import dev.serviceaccounts.query.web.InvalidParametersException;
import dev.serviceaccounts.query.web.QueryParameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters and page of {@code GET .../audit/events} (docs/design.md §5). A null filter matches everything.
 *
 * @param types an empty set matches every type
 * @param from  inclusive
 * @param to    exclusive
 * @param after the cursor of the previous page; null for the first page
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(String aggregateId, Set<String> types, String actor, Instant from, Instant to,
                         Order order, AuditCursor after, int limit) {

    /** Page size when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest page size. */
    public static final int MAX_LIMIT = 100;

    /** Which entries come first. */
    public enum Order { NEWEST, OLDEST }

    /**
     * @throws InvalidParametersException listing every invalid parameter: an aggregate id that is no UUID, an
     *                                    unknown event type, a malformed instant, {@code from} after {@code to},
     *                                    an unknown order, a cursor not made here, a limit out of range
     */
    public static AuditQuery parse(AuditParameters raw) {
        QueryParameters parameters = new QueryParameters();
        Set<String> types = new LinkedHashSet<>();
        for (String type : raw.type() == null ? List.<String>of() : raw.type()) {
            types.add(parameters.parse("type", type, AuditQuery::knownType,
                    "must be an event type, one of " + AuditEventTypes.all().keySet()));
        }
        types.remove(null);
        Integer limit = parameters.parseInt("limit", raw.limit(), 1, MAX_LIMIT, DEFAULT_LIMIT);
        Order order = parameters.parseEnum("order", raw.order(), Order.class);
        AuditQuery query = new AuditQuery(
                parameters.parse("aggregateId", raw.aggregateId(), id -> Ids.requireUuid(id.trim(), "aggregateId"),
                        "must be a UUID"),
                Set.copyOf(types),
                parameters.parseText("actor", raw.actor(), 255),
                parameters.parse("from", raw.from(), AuditQuery::instant, "must be an ISO-8601 instant"),
                parameters.parse("to", raw.to(), AuditQuery::instant, "must be an ISO-8601 instant"),
                order == null ? Order.NEWEST : order,
                parameters.parse("cursor", raw.cursor(), AuditCursor::decode, "must be a nextCursor of this history"),
                limit == null ? 0 : limit);
        parameters.validate();
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw new InvalidParametersException(Map.of("from", "must not be after to"));
        }
        return query;
    }

    /** @return this query narrowed to one aggregate */
    public AuditQuery ofAggregate(String id) {
        return new AuditQuery(id, types, actor, from, to, order, after, limit);
    }

    private static String knownType(String value) {
        String type = value.trim();
        if (!AuditEventTypes.all().containsKey(type)) {
            throw new IllegalArgumentException("unknown event type");
        }
        return type;
    }

    private static Instant instant(String value) {
        try {
            Instant instant = Instant.parse(value.trim());
            instant.toEpochMilli(); // beyond about 292 million years from 1970 no stored time can compare with it
            return instant;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
