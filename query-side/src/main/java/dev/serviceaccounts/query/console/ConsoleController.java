package dev.serviceaccounts.query.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin console's two dynamic paths (docs/decisions.md D49): its page at {@code /console/} ({@code /console}
 * redirects there) and {@code /console/config.json}, which tells it where the command side is. Its scripts and
 * styles are static resources under {@code /console/} ({@link ConsoleWebConfiguration}). Open to anyone: the
 * console signs in with the token endpoint and holds the token in memory only. Not part of the API, so left out of
 * the OpenAPI document.
 */
@Hidden
@RestController
public class ConsoleController {

    private static final Resource PAGE = new ClassPathResource("console/index.html");

    private final ConsoleSettings settings;

    public ConsoleController(ConsoleSettings settings) {
        this.settings = settings;
    }

    /** @return 302 to {@code /console/}, the page's one URL (its relative links need the slash) */
    @GetMapping("/console")
    public ResponseEntity<Void> redirect() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/console/").build();
    }

    /** @return the console's page, never cached (a new version is loaded at once) */
    @GetMapping(path = "/console/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    /** @return {@code {commandUrl}}: the command side's base URL, "" when the console's own origin takes commands */
    @GetMapping(path = "/console/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("commandUrl", settings.commandUrl()));
    }
}
