package dev.serviceaccounts.query.console;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the console sends its commands (docs/decisions.md D49): {@code service-accounts.console.command-url}
 * ({@code SA_CONSOLE_COMMAND_URL}), read on every request, since the one-JVM system learns the command side's port
 * only after this side has started and then adds the property to this side's environment. Empty: the console's own
 * origin, as behind the proxy of the README's "Production", which sends the commands to the command sides.
 */
@Component
public class ConsoleSettings {

    /** The property that holds the command side's base URL. */
    public static final String COMMAND_URL = "service-accounts.console.command-url";

    private final Environment environment;

    public ConsoleSettings(Environment environment) {
        this.environment = environment;
    }

    /** @return the command side's base URL without a trailing slash, or "" for the console's own origin */
    public String commandUrl() {
        String url = environment.getProperty(COMMAND_URL, "").strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @return the command side's origin ({@code scheme://host[:port]}) for the console's CSP, or "" when it is its own */
    public String commandOrigin() {
        String url = commandUrl();
        if (url.isEmpty()) {
            return "";
        }
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
