package dev.serviceaccounts.api.company;

import dev.serviceaccounts.api.id.CompanyId;

/**
 * An event that names the company it happened in: every event is one (a test enumerates them), so the query
 * side's audit history files each event under its company without reading any other event (docs/decisions.md
 * D32). For a directory event that is the directory's company, which may differ from the company that owns the
 * contact's aggregate; the history files such an event under both.
 */
public interface CompanyScopedEvent {

    /** @return the company the event happened in */
    CompanyId companyId();
}
