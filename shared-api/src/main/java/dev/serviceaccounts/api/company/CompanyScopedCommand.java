package dev.serviceaccounts.api.company;

import dev.serviceaccounts.api.id.CompanyId;

/**
 * A command, acting in one company. Every command is one (a test enumerates them), and the guard of every
 * aggregate checks every command it receives against its {@link #companyScope()}: a company the command may
 * not act in on that aggregate is "not found", never "forbidden" (docs/design.md §4), with no event. So a new
 * command cannot skip the company check by forgetting a marker.
 */
public interface CompanyScopedCommand {

    /** @return the company the caller acts in */
    CompanyId companyId();

    /** @return how the target aggregate checks {@link #companyId()}; {@link Scope#OWNER} unless said otherwise */
    default Scope companyScope() {
        return Scope.OWNER;
    }

    /** What {@link #companyId()} must be for the target aggregate to accept the command. */
    enum Scope {
        /**
         * The company that owns the target aggregate (for a creation: the one it will belong to, which the caller
         * was authorized in).
         */
        OWNER,
        /** A company directory the target contact is in. */
        DIRECTORY,
        /**
         * The company directory the target contact joins, which may be any company: the caller's rights in the
         * contact's own company are checked before the command is sent (docs/design.md §4, "a company never
         * touches another company's contacts"), as the aggregate cannot tell who acts.
         */
        JOINED
    }
}
