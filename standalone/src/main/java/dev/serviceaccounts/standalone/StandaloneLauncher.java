package dev.serviceaccounts.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.serviceaccounts.query.token.OperatorCredentials;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

/**
 * The run command's entry point: the whole system in one JVM on the embedded default. Starts the
 * embedded MongoDB (data under {@code ./data/}, or {@code SA_DATA_DIR}), the query side on 8080 and the
 * command side on 8081 ({@code QUERY_SIDE_PORT}, {@code COMMAND_SIDE_PORT}). On the embedded default without
 * {@code SA_KEY_ENCRYPTION_KEY}, the signing keys' key-encryption key is kept in a file beside the data
 * ({@link KeyEncryptionKeyFile}). With {@code MONGODB_URI} set, no embedded database is started, both apps use
 * that one, and {@code SA_KEY_ENCRYPTION_KEY} is required (without it nothing is started; exit status 2).
 * Ctrl-C stops the apps, then the database. With the argument {@value #EMBEDDED_MONGO_ONLY}, only the embedded
 * MongoDB is started (same data directory and port settings), for command-side and query-side instances started
 * as their own processes (README "Several instances on one machine"). With JSON logs ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE}), the lines
 * logged before the apps start (the embedded database's) are JSON too; the banner is printed to standard output
 * as it is, not logged.
 */
public final class StandaloneLauncher {

    /**
     * Log levels that keep the embedded default's start to the banner and the warnings that matter. Only on the
     * embedded default: with {@code MONGODB_URI} every warning stays visible, and so do the tests' logs.
     */
    private static final Map<String, String> QUIET_EMBEDDED_START = Map.of(
            // mongo-java-server implements no secondary index and warns once for each index the views declare
            // (its only other warning is about a primary-key index): on this embedded server a query scans
            // anyway; on a real MongoDB, where the indexes matter, this server is not used
            "logging.level.de.bwaldvogel.mongo.backend.AbstractMongoDatabase", "ERROR",
            // Spring 6.2 warns that Axon 4's own annotations (@CommandHandler, @EventHandler,
            // @EventSourcingHandler, @CommandHandlerInterceptor, @Aggregate) override their meta-annotations'
            // attributes by convention rather than @AliasFor; no annotation of ours does, only Axon can change
            // theirs, and Spring 6 still honours them
            "logging.level.org.springframework.core.annotation.AnnotationTypeMapping", "ERROR");

    /** The argument that starts the embedded MongoDB alone. */
    public static final String EMBEDDED_MONGO_ONLY = "embedded-mongo";

    private StandaloneLauncher() {
    }

    /**
     * Starts everything (or, with {@value #EMBEDDED_MONGO_ONLY}, the embedded MongoDB alone) and returns; a
     * shutdown hook stops it all in order.
     */
    public static void main(String[] args) {
        structuredLoggingBeforeSpring();
        if (args.length > 0 && EMBEDDED_MONGO_ONLY.equals(args[0])) {
            embeddedMongoOnly();
            return;
        }
        String externalUri = System.getenv("MONGODB_URI");
        EmbeddedMongo mongo = null;
        String uri = externalUri;
        Map<String, String> properties = new HashMap<>();
        properties.put("service-accounts.announce-generated-operator-secret", "false");
        if (externalUri == null || externalUri.isBlank()) {
            Path data = Path.of(env("SA_DATA_DIR", "data")).toAbsolutePath();
            quietBeforeSpring();
            mongo = EmbeddedMongo.start(data, Integer.parseInt(env("EMBEDDED_MONGO_PORT", "27017")));
            uri = mongo.uri("service-accounts");
            properties.putAll(QUIET_EMBEDDED_START);
            if (env("SA_KEY_ENCRYPTION_KEY", "").isEmpty()) {
                properties.put(ServiceAccountsSystem.KEY_ENCRYPTION_KEY, KeyEncryptionKeyFile.loadOrCreate(data));
            }
        } else if (env("SA_KEY_ENCRYPTION_KEY", "").isEmpty()) {
            System.err.println("MONGODB_URI is set, but SA_KEY_ENCRYPTION_KEY is not. Only the embedded default makes"
                    + " its own key-encryption key. Set SA_KEY_ENCRYPTION_KEY to 32 random bytes, base64url-encoded"
                    + " (openssl rand -base64 32 | tr '+/' '-_' | tr -d '='), the same for every query-side instance"
                    + " on this database; it encrypts the private signing keys stored there.");
            System.exit(2);
        }
        EmbeddedMongo database = mongo;
        ServiceAccountsSystem system;
        try {
            system = ServiceAccountsSystem.start(uri, Integer.parseInt(env("COMMAND_SIDE_PORT", "8081")),
                    Integer.parseInt(env("QUERY_SIDE_PORT", "8080")), properties);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            if (database != null) {
                database.close();
            }
        }, "service-accounts-shutdown"));
        String operator = system.querySide().getBean(OperatorCredentials.class).takeGeneratedSecret()
                .map(secret -> String.format("  First start: the operator's credentials, shown this once (only a hash"
                        + " is kept):%n    SA_OPERATOR_CLIENT_ID=%s%n    SA_OPERATOR_CLIENT_SECRET=%s%n",
                        env("SA_OPERATOR_CLIENT_ID", "operator"), secret))
                .orElse(String.format("  Operator: SA_OPERATOR_CLIENT_ID / SA_OPERATOR_CLIENT_SECRET as set,"
                        + " or as printed at the first start.%n"));
        System.out.printf("%n  Service Accounts is running%n"
                + "    admin console:                        %s/console/%n"
                + "    query side   (token endpoint, views): %s   token: %s/oauth/token%n"
                + "    command side (admin API):            %s%n"
                + "    database: %s%n%s  Ctrl-C stops everything.%n%n",
                system.queryUrl(), system.queryUrl(), system.queryUrl(), system.commandUrl(),
                database == null ? "MONGODB_URI" : "embedded, " + Path.of(env("SA_DATA_DIR", "data")).toAbsolutePath()
                        + " (port " + database.port() + ")", operator);
    }

    /**
     * The embedded MongoDB alone, until stopped: its netty threads keep the JVM alive, the shutdown hook commits
     * and closes the store. Prints its connection string; it has no authentication (loopback only).
     */
    private static void embeddedMongoOnly() {
        Path data = Path.of(env("SA_DATA_DIR", "data")).toAbsolutePath();
        quietBeforeSpring();
        EmbeddedMongo mongo = EmbeddedMongo.start(data, Integer.parseInt(env("EMBEDDED_MONGO_PORT", "27017")));
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "embedded-mongo-shutdown"));
        System.out.printf("%n  Embedded MongoDB is running: MONGODB_URI=%s%n    data: %s%n  Ctrl-C stops it.%n%n",
                mongo.uri("service-accounts"), data);
        System.out.flush();
    }

    /**
     * With {@code logging.structured.format.console} set (env {@code LOGGING_STRUCTURED_FORMAT_CONSOLE}), configures
     * Spring Boot's logging now, as each app does again at its start: otherwise the embedded database's first lines
     * would be logged in Logback's plain default format, the only lines of the log that are not JSON.
     */
    private static void structuredLoggingBeforeSpring() {
        StandardEnvironment environment = new StandardEnvironment();
        if (environment.getProperty("logging.structured.format.console", "").isBlank()) {
            return;
        }
        LoggingSystem logging = LoggingSystem.get(StandaloneLauncher.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
    }

    /**
     * The embedded server reopens its data file before Spring has configured logging, and then warns about the
     * stored indexes as it does later for the declared ones: the same levels apply from the start.
     */
    private static void quietBeforeSpring() {
        QUIET_EMBEDDED_START.forEach((property, level) -> {
            if (LoggerFactory.getLogger(property.substring("logging.level.".length())) instanceof Logger logger) {
                logger.setLevel(Level.toLevel(level));
            }
        });
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
