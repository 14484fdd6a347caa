package dev.serviceaccounts.query.company;

import java.time.Instant;

/**
 * A company as the query side reads it ({@code GET /api/v1/companies[/{companyId}]}).
 *
 * @param createdAt when the company was created (its creation event's time, millisecond precision)
 */
public record CompanyView(String companyId, String name, Instant createdAt) {
}
