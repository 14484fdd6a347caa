package dev.serviceaccounts.query.processor;

import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /api/v1/admin/processors} and {@code GET /api/v1/admin/processors/{name}}: the operator lists this query side's tracking event processors, their
 * segments, positions, events behind the head and whether they replay, and {@code POST
 * /api/v1/admin/processors/{name}:replay} rebuilds one's view beside the live one (docs/decisions.md D39); anyone
 * else is refused 403 problem+json, as for every operator-only endpoint.
 */
@RestController
public class ProcessorController {

    private final ProcessorStatuses statuses;
    private final ViewRebuilds rebuilds;
    private final CompanyAccessPolicy access;

    public ProcessorController(ProcessorStatuses statuses, ViewRebuilds rebuilds, CompanyAccessPolicy access) {
        this.statuses = statuses;
        this.rebuilds = rebuilds;
        this.access = access;
    }

    /** @return 200 {@code {processors: [{name, running, replaying, segments: [...]}]}}, by name */
    @GetMapping(path = "/api/v1/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
    public Processors list(@AuthenticationPrincipal Caller caller) {
        access.requireOperator(caller);
        return new Processors(statuses.all());
    }

    /** @return 200 the processor named {@code name} as in the list; 404 problem+json when this side has none */
    @GetMapping(path = "/api/v1/admin/processors/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ProcessorStatuses.ProcessorStatus one(@AuthenticationPrincipal Caller caller, @PathVariable String name) {
        access.requireOperator(caller);
        return statuses.named(name).orElseThrow(() -> new NotFoundException("Processor"));
    }

    /**
     * Rebuilds the view of processor {@code name} beside the live one and switches readers to it once it has caught
     * up (docs/decisions.md D39); a rebuild already running is answered the same.
     *
     * @return 202 with {@code Location} = the processor's status, whose {@code rebuild} shows the progress; 404
     *         problem+json when this side has no rebuildable view of that name; 409 problem+json
     *         ({@code SEGMENTS_ELSEWHERE}, with {@code segmentsElsewhere}) when this instance does not process every
     *         segment of the processor
     */
    @PostMapping(path = "/api/v1/admin/processors/{name}:replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ProcessorStatuses.ProcessorStatus> replay(@AuthenticationPrincipal Caller caller,
                                                                    @PathVariable String name) {
        access.requireOperator(caller);
        rebuilds.start(name).orElseThrow(() -> new NotFoundException("Rebuildable processor"));
        return ResponseEntity.accepted()
                .location(UriComponentsBuilder.fromPath("/api/v1/admin/processors/{name}").build(name))
                .body(statuses.named(name).orElseThrow());
    }

    /** @param processors every tracking processor of this instance, by name */
    public record Processors(List<ProcessorStatuses.ProcessorStatus> processors) {
    }
}
