package dev.serviceaccounts.standalone;

import dev.serviceaccounts.command.CommandSideApplication;
import dev.serviceaccounts.query.QuerySideApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Both apps in one JVM against one MongoDB: the command side and the query side, each its own Spring
 * context with its own configuration file. Used by the run command and by the end-to-end tests.
 */
public final class ServiceAccountsSystem implements AutoCloseable {

    /** The query side's setting that holds the key-encryption key of the signing keys. */
    public static final String KEY_ENCRYPTION_KEY = "service-accounts.key-encryption-key";
    /** The command side's setting that says where it fetches the public keys (the query side's JWKS). */
    public static final String JWKS_URI = "service-accounts.jwks-uri";
    /** The command side's setting that names the one origin whose console may call it across origins (D49). */
    public static final String CONSOLE_ORIGIN = "service-accounts.console.origin";
    /** The query side's setting that tells its console where the command side is (D49). */
    public static final String CONSOLE_COMMAND_URL = "service-accounts.console.command-url";

    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;
    private final String mongoUri;
    private final Map<String, String> properties;

    private ServiceAccountsSystem(ConfigurableApplicationContext commandSide, ConfigurableApplicationContext querySide,
                                  String mongoUri, Map<String, String> properties) {
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.mongoUri = mongoUri;
        this.properties = properties;
    }

    /**
     * Starts the query side (which owns the signing keys and the operator credentials), then the command side.
     *
     * @param mongoUri     connection string with the database name
     * @param commandPort  0 for a random port
     * @param queryPort    0 for a random port
     * @param properties   further properties for both apps (e.g. {@code service-accounts.issuer}); the
     *                     key-encryption key ({@value #KEY_ENCRYPTION_KEY}) goes to the query side only; unless
     *                     they name one ({@value #JWKS_URI}), the command side fetches the JWKS from the query
     *                     side's actual port; the console served by the query side sends its commands to the
     *                     command side's actual port, which allows that console's origin ({@value #CONSOLE_ORIGIN}),
     *                     unless they name others (docs/decisions.md D49)
     */
    public static ServiceAccountsSystem start(String mongoUri, int commandPort, int queryPort,
                                              Map<String, String> properties) {
        ConfigurableApplicationContext query = run(QuerySideApplication.application(), mongoUri, queryPort, properties);
        try {
            ConfigurableApplicationContext command =
                    run(CommandSideApplication.application(), mongoUri, commandPort, commandSide(properties, query));
            if (!properties.containsKey(CONSOLE_COMMAND_URL)) {
                // known only now (a random port): the console's settings are read on each request
                query.getEnvironment().getPropertySources().addFirst(new MapPropertySource("console",
                        Map.of(CONSOLE_COMMAND_URL, url(command))));
            }
            return new ServiceAccountsSystem(command, query, mongoUri, properties);
        } catch (RuntimeException e) {
            query.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext run(SpringApplication application, String mongoUri, int port,
                                                      Map<String, String> properties) {
        application.setRegisterShutdownHook(false);
        List<String> args = new ArrayList<>();
        args.add("--spring.data.mongodb.uri=" + mongoUri);
        args.add("--server.port=" + port);
        // both apps share one logging system in this JVM: a single application name in each line would mislead
        args.add("--logging.include-application-name=false");
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return application.run(args.toArray(String[]::new));
    }

    /**
     * Starts one more command-side instance on the same database and a random port (docs/design.md §2: several
     * instances of each app may run against one MongoDB). The caller closes it.
     */
    public ConfigurableApplicationContext startAnotherCommandSide() {
        return run(CommandSideApplication.application(), mongoUri, 0, commandSide(properties, querySide));
    }

    /**
     * The command side verifies with public keys only, from the query side's JWKS: it is never given the
     * key-encryption key.
     */
    private static Map<String, String> commandSide(Map<String, String> properties,
                                                   ConfigurableApplicationContext querySide) {
        Map<String, String> commandSide = new HashMap<>(properties);
        commandSide.remove(KEY_ENCRYPTION_KEY);
        commandSide.putIfAbsent(JWKS_URI, url(querySide) + "/oauth/jwks");
        // the console's page, by either name of this machine
        commandSide.putIfAbsent(CONSOLE_ORIGIN, url(querySide) + ",http://127.0.0.1:" + port(querySide));
        return commandSide;
    }

    /**
     * Starts one more query-side instance on the same database and a random port: its own
     * token view, fed by its own processor, follows every event. The caller closes it.
     */
    public ConfigurableApplicationContext startAnotherQuerySide() {
        return startQuerySide(mongoUri, properties);
    }

    /**
     * Starts a query-side instance alone on a random port, e.g. several at once on an empty database. The caller
     * closes it.
     *
     * @param properties as for {@link #start}
     */
    public static ConfigurableApplicationContext startQuerySide(String mongoUri, Map<String, String> properties) {
        return startQuerySide(mongoUri, 0, properties);
    }

    /**
     * Starts a query-side instance alone on {@code port}, e.g. one whose {@code service-accounts.issuer} is its own
     * URL, for clients that discover the token endpoint from the issuer (RFC 8414). The caller closes it.
     *
     * @param port       0 for a random port
     * @param properties as for {@link #start}
     */
    public static ConfigurableApplicationContext startQuerySide(String mongoUri, int port,
                                                                Map<String, String> properties) {
        return run(QuerySideApplication.application(), mongoUri, port, properties);
    }

    /** @return the base URL of an app started by this class */
    public static String url(ConfigurableApplicationContext app) {
        return "http://localhost:" + port(app);
    }

    /** @return the command side's base URL, e.g. {@code http://localhost:8081} */
    public String commandUrl() {
        return "http://localhost:" + port(commandSide);
    }

    /** @return the query side's base URL, e.g. {@code http://localhost:8080} */
    public String queryUrl() {
        return "http://localhost:" + port(querySide);
    }

    /** @return the command side's Spring context */
    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    /** @return the query side's Spring context */
    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Stops the command side first (no new events), then the query side. */
    @Override
    public void close() {
        try {
            commandSide.close();
        } finally {
            querySide.close();
        }
    }
}
