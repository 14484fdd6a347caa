package dev.serviceaccounts.query.audit;

import static dev.serviceaccounts.query.company.CompanyPathCheck.companyId;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.serviceaccounts.api.Ids;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.util.Iterator;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit history for auditors (docs/design.md §5): {@code GET /api/v1/companies/{companyId}/audit/events} and,
 * for one service account, {@code .../service-accounts/{id}/history}; each as JSON pages ({@code {items,
 * nextCursor}}) or, with {@code Accept: application/x-ndjson} or the {@code .ndjson} path, as one NDJSON export
 * of every matching entry, streamed from a database cursor. The operator and callers with Admin tool READ_ONLY
 * or higher in the company may read it; another company is 404, a caller of the company without that level 403.
 * Filters: {@link AuditParameters}; bad ones are 400 problem+json naming each parameter.
 */
@RestController
@RequestMapping("/api/v1/companies/{companyId}")
public class AuditQueryController {

    /** NDJSON, one JSON entry per line. */
    public static final String NDJSON = "application/x-ndjson";

    private final AuditEvents events;
    private final CompanyAccessPolicy access;
    private final ObjectWriter json;

    public AuditQueryController(AuditEvents events, CompanyAccessPolicy access, ObjectMapper json) {
        this.events = events;
        this.access = access;
        this.json = json.writerFor(AuditEntry.class);
    }

    /** @return one page of the company's history, newest first unless {@code order=oldest} */
    @GetMapping(path = "/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public AuditPage events(@PathVariable String companyId, @AuthenticationPrincipal Caller caller,
                            AuditParameters parameters) {
        authorize(caller, companyId);
        return events.findPage(companyId, AuditQuery.parse(parameters));
    }

    /** @return every entry of the company's history that matches, as NDJSON ({@code limit} ignored) */
    @GetMapping(path = {"/audit/events", "/audit/events.ndjson"}, produces = NDJSON)
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String companyId,
                                                        @AuthenticationPrincipal Caller caller,
                                                        AuditParameters parameters) {
        authorize(caller, companyId);
        return ndjson("audit-events-" + companyId, companyId, AuditQuery.parse(parameters));
    }

    /** @return one page of the account's history; 404 when the company has no such account */
    @GetMapping(path = "/service-accounts/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public AuditPage history(@PathVariable String companyId, @PathVariable String id,
                             @AuthenticationPrincipal Caller caller, AuditParameters parameters) {
        authorize(caller, companyId);
        AuditQuery query = AuditQuery.parse(parameters).ofAggregate(account(companyId, id));
        return events.findPage(companyId, query);
    }

    /** @return the account's whole history that matches, as NDJSON; 404 when the company has no such account */
    @GetMapping(path = {"/service-accounts/{id}/history", "/service-accounts/{id}/history.ndjson"},
            produces = NDJSON)
    public ResponseEntity<StreamingResponseBody> exportHistory(@PathVariable String companyId, @PathVariable String id,
                                                               @AuthenticationPrincipal Caller caller,
                                                               AuditParameters parameters) {
        authorize(caller, companyId);
        AuditQuery query = AuditQuery.parse(parameters).ofAggregate(account(companyId, id));
        return ndjson("service-account-history-" + id, companyId, query);
    }

    private void authorize(Caller caller, String companyId) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
    }

    private String account(String companyId, String id) {
        try {
            Ids.requireUuid(id, "id");
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Service account");
        }
        if (!events.exists(companyId, id, ServiceAccountCreatedEvent.class.getSimpleName())) {
            throw new NotFoundException("Service account");
        }
        return id;
    }

    private ResponseEntity<StreamingResponseBody> ndjson(String name, String companyId, AuditQuery query) {
        StreamingResponseBody body = out -> {
            try (Stream<AuditEntry> entries = events.stream(companyId, query)) {
                Iterator<AuditEntry> each = entries.iterator();
                while (each.hasNext()) {
                    out.write(json.writeValueAsBytes(each.next()));
                    out.write('\n');
                }
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NDJSON))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".ndjson").build().toString())
                .body(body);
    }
}
