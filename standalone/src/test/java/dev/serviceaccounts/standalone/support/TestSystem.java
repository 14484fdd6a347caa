package dev.serviceaccounts.standalone.support;

import dev.serviceaccounts.standalone.EmbeddedMongo;
import dev.serviceaccounts.standalone.KeyEncryptionKeyFile;
import dev.serviceaccounts.standalone.ServiceAccountsSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole system for a test: the embedded MongoDB on a random port with its data in a temporary
 * directory, and both apps on random ports, logging also to a file that tests can scan.
 * {@link #shared()} is one instance for the whole test JVM (started once: it takes seconds).
 */
public final class TestSystem implements AutoCloseable {

    /** The operator's credentials in every test system. */
    public static final String OPERATOR_ID = "operator";
    public static final String OPERATOR_SECRET = "test-operator-secret-0123456789abcdef";
    public static final String DATABASE = "service-accounts";

    /** One log file for the JVM: logging is configured per JVM, by whichever app started last. */
    private static final Path LOG_FILE = newDataDirectory().resolve("app.log");
    private static TestSystem shared;

    private final Path dataDirectory;
    private EmbeddedMongo mongo;
    private ServiceAccountsSystem system;

    private TestSystem(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** @return the JVM-wide system, started on first use and stopped when the JVM exits */
    public static synchronized TestSystem shared() {
        if (shared == null) {
            shared = start(newDataDirectory());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** @return a new system on {@code dataDirectory} (existing data is kept) */
    public static TestSystem start(Path dataDirectory) {
        TestSystem testSystem = new TestSystem(dataDirectory);
        testSystem.startAll(Map.of());
        return testSystem;
    }

    /** @return a fresh empty temporary directory */
    public static Path newDataDirectory() {
        try {
            return Files.createTempDirectory("service-accounts-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param properties settings for both apps that replace the test defaults (e.g. {@code service-accounts.issuer})
     * @return a new system on {@code dataDirectory} (existing data is kept)
     */
    public static TestSystem start(Path dataDirectory, Map<String, String> properties) {
        TestSystem testSystem = new TestSystem(dataDirectory);
        testSystem.startAll(properties);
        return testSystem;
    }

    /**
     * @return the settings of every test system on {@code dataDirectory}: the test operator, the key-encryption key
     *         of that directory, logging to {@link #logFile()}, generous waits and short reloads
     */
    public static Map<String, String> settings(Path dataDirectory) {
        return new HashMap<>(Map.of(
                "service-accounts.operator-client-secret", OPERATOR_SECRET,
                ServiceAccountsSystem.KEY_ENCRYPTION_KEY, KeyEncryptionKeyFile.loadOrCreate(dataDirectory),
                "logging.file.name", LOG_FILE.toString(),
                "logging.level.dev.serviceaccounts", "DEBUG",
                "logging.level.org.springframework.web", "DEBUG",
                "logging.level.org.axonframework", "DEBUG",
                // the tests check that a 2xx waits for every token view, not how fast a loaded machine is:
                // a wait that ran out (3 s by default) would answer before the views and read as a stale token
                "service-accounts.token-views.timeout", "20s",
                // an instance signs with a key another instance rotated in within a second, not ten
                "service-accounts.signing-keys.reload-period", "1s"));
    }

    private void startAll(Map<String, String> overrides) {
        mongo = EmbeddedMongo.start(dataDirectory, 0);
        Map<String, String> properties = settings(dataDirectory);
        properties.putAll(overrides);
        try {
            system = ServiceAccountsSystem.start(mongo.uri(DATABASE), 0, 0, properties);
        } catch (RuntimeException e) {
            mongo.close();
            mongo = null;
            throw e;
        }
    }

    /** @return the command side's base URL */
    public String commandUrl() {
        return system.commandUrl();
    }

    /** @return the query side's base URL */
    public String queryUrl() {
        return system.queryUrl();
    }

    /** @return a connection string of the embedded MongoDB, for tests that inspect the stores */
    public String mongoUri() {
        return mongo.uri(DATABASE);
    }

    /** @return the running apps */
    public ServiceAccountsSystem apps() {
        return system;
    }

    /** @return the file every app of every test system of this JVM logs to */
    public Path logFile() {
        return LOG_FILE;
    }

    /** @return the key-encryption key of the signing keys, from the file in the data directory */
    public String keyEncryptionKey() {
        try {
            return Files.readString(dataDirectory.resolve(KeyEncryptionKeyFile.FILE_NAME)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the data directory of the embedded MongoDB */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** @return an HTTP client for this system */
    public Api api() {
        return new Api(this);
    }

    /** Stops both apps, then the database (which commits its store). */
    @Override
    public synchronized void close() {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            system = null;
            if (mongo != null) {
                mongo.close();
                mongo = null;
            }
        }
    }
}
