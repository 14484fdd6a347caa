package dev.serviceaccounts.command.lookup;

import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/lookup-tables:rebuild}: the operator rebuilds the command side's lookup tables
 * ({@code client_id} registry, contact registry, directory emails) from the events beside the live ones, while
 * commands go on (docs/decisions.md D47); {@code GET /api/v1/admin/lookup-tables/rebuild} shows its progress, on
 * any command side. Anyone else is refused 403 problem+json.
 */
@RestController
public class LookupTablesController {

    static final String STATUS = "/api/v1/admin/lookup-tables/rebuild";

    private final LookupTablesRebuild rebuild;
    private final CompanyAccessPolicy access;

    public LookupTablesController(LookupTablesRebuild rebuild, CompanyAccessPolicy access) {
        this.rebuild = rebuild;
        this.access = access;
    }

    /**
     * Starts a rebuild; one already running is answered the same.
     *
     * @return 202 with {@code Location} = {@value #STATUS} and the rebuild's status
     */
    @PostMapping(path = "/api/v1/admin/lookup-tables:rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LookupTablesRebuild.Status> start(@AuthenticationPrincipal Caller caller) {
        access.requireOperator(caller);
        return ResponseEntity.accepted().location(URI.create(STATUS)).body(rebuild.start());
    }

    /**
     * @return 200 {@code {state, live, building, from, into, startedAt, updatedAt, endedAt, eventsReplayed,
     *         entriesCopied, tables}}: the latest rebuild ({@code state} NONE when there was none)
     */
    @GetMapping(path = STATUS, produces = MediaType.APPLICATION_JSON_VALUE)
    public LookupTablesRebuild.Status status(@AuthenticationPrincipal Caller caller) {
        access.requireOperator(caller);
        return rebuild.status();
    }
}
