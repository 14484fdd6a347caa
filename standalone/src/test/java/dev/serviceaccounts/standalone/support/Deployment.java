package dev.serviceaccounts.standalone.support;

import dev.serviceaccounts.command.CommandSideApplication;
import dev.serviceaccounts.query.QuerySideApplication;
import dev.serviceaccounts.standalone.KeyEncryptionKeyFile;
import dev.serviceaccounts.standalone.ServiceAccountsSystem;
import dev.serviceaccounts.standalone.StandaloneLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A deployment of separate processes on this machine, as README "Several instances on one machine" runs it: the
 * embedded MongoDB alone ({@code StandaloneLauncher embedded-mongo}), query-side and command-side instances
 * ({@code QuerySideApplication}, {@code CommandSideApplication}), each its own JVM on the test class path (so the
 * code under test, never a stale jar) on a port fixed for its life, so a restarted process is where its clients
 * look. Query sides have fixed node ids ({@code query-a}, ...); command side {@code i} fetches the JWKS from query
 * side {@code i}. Each process logs to its own file; {@link #close()} kills every process and deletes the
 * directory (data, logs, temporary files). A process also exits when the test JVM is gone ({@link ChildMain}).
 */
public final class Deployment implements AutoCloseable {

    /** The operator's secret on every query side. */
    public static final String OPERATOR_SECRET = TestSystem.OPERATOR_SECRET;
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final String keyEncryptionKey;
    private final Node mongo;
    private final List<Node> querySides = new ArrayList<>();
    private final List<Node> commandSides = new ArrayList<>();
    private final Thread killer = new Thread(this::killAll, "deployment-killer");
    private volatile boolean keepLogs;

    private Deployment(Path directory) {
        this.directory = directory;
        this.keyEncryptionKey = KeyEncryptionKeyFile.loadOrCreate(directory);
        this.mongo = new Node("mongo", freePort(), StandaloneLauncher.class.getName(),
                List.of(StandaloneLauncher.EMBEDDED_MONGO_ONLY), null);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts the embedded MongoDB, then every app at once, and returns when all answer.
     *
     * @param settings further settings for every app (e.g. {@code service-accounts.token-views.timeout})
     */
    public static Deployment start(int querySides, int commandSides, Map<String, String> settings) {
        Deployment deployment = new Deployment(TestSystem.newDataDirectory());
        try {
            deployment.mongo.start();
            deployment.mongo.awaitReady();
            String uri = deployment.mongoUri();
            List<String> common = new ArrayList<>(List.of("--spring.data.mongodb.uri=" + uri,
                    "--service-accounts.operator-client-secret=" + OPERATOR_SECRET,
                    "--logging.level.dev.serviceaccounts=INFO"));
            settings.forEach((key, value) -> common.add("--" + key + "=" + value));
            for (int i = 0; i < querySides; i++) {
                List<String> args = new ArrayList<>(common);
                args.add("--service-accounts.node-id=query-" + (char) ('a' + i));
                args.add("--" + ServiceAccountsSystem.KEY_ENCRYPTION_KEY + "=" + deployment.keyEncryptionKey);
                deployment.querySides.add(deployment.new Node("query-" + (char) ('a' + i), freePort(),
                        QuerySideApplication.class.getName(), args, "/actuator/health"));
            }
            for (int i = 0; i < commandSides; i++) {
                List<String> args = new ArrayList<>(common);
                args.add("--" + ServiceAccountsSystem.JWKS_URI + "="
                        + deployment.querySides.get(i % querySides).url() + "/oauth/jwks");
                deployment.commandSides.add(deployment.new Node("command-" + (char) ('a' + i), freePort(),
                        CommandSideApplication.class.getName(), args, "/actuator/health"));
            }
            for (Node app : deployment.apps()) {
                app.start();
            }
            for (Node app : deployment.apps()) {
                app.awaitReady();
            }
            return deployment;
        } catch (RuntimeException | Error e) {
            System.err.println(deployment.logTails());
            deployment.close();
            throw e;
        }
    }

    /** @return the embedded MongoDB's process */
    public Node mongo() {
        return mongo;
    }

    /** @return the query-side processes */
    public List<Node> querySides() {
        return List.copyOf(querySides);
    }

    /** @return the command-side processes */
    public List<Node> commandSides() {
        return List.copyOf(commandSides);
    }

    /** @return the connection string of the embedded MongoDB */
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongo.port + "/" + TestSystem.DATABASE;
    }

    /**
     * Starts a query side in this JVM on the same database, with the test settings, for the checks that read its
     * beans ({@link ViewsAgainstStore}): its token view is its own, folded from the store. The caller closes it.
     */
    public ConfigurableApplicationContext startQuerySideHere() {
        Map<String, String> settings = TestSystem.settings(directory);
        settings.put(ServiceAccountsSystem.KEY_ENCRYPTION_KEY, keyEncryptionKey);
        return ServiceAccountsSystem.startQuerySide(mongoUri(), settings);
    }

    /** @return the first error lines and the last lines of every process's log, for a failure report */
    public String logTails() {
        StringBuilder tails = new StringBuilder();
        for (Node node : Stream.concat(Stream.of(mongo), apps().stream()).toList()) {
            tails.append("---- ").append(node.name).append(" (").append(node.log).append(")\n");
            try {
                List<String> lines = Files.exists(node.log) ? Files.readAllLines(node.log, StandardCharsets.UTF_8)
                        : List.of();
                lines.stream().filter(line -> line.contains(" ERROR ")).limit(20)
                        .forEach(line -> tails.append("(error) ").append(line).append('\n'));
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> tails.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                tails.append(e).append('\n');
            }
        }
        return tails.toString();
    }

    private List<Node> apps() {
        return Stream.concat(querySides.stream(), commandSides.stream()).toList();
    }

    /** From now on {@link #close()} keeps the logs (and says where), e.g. once a test failed. */
    public void keepLogs() {
        keepLogs = true;
    }

    /** Kills every process (apps first), then deletes the directory (all but the logs after {@link #keepLogs()}). */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(path -> !keepLogs || !(path.toString().endsWith(".log") || path.equals(directory)))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (keepLogs) {
            System.err.println("the logs of the deployment's processes are kept in " + directory);
        }
    }

    private void killAll() {
        apps().forEach(Node::kill);
        mongo.kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One process of the deployment: its port stays the same across restarts. */
    public final class Node {

        private final String name;
        private final int port;
        private final List<String> command;
        private final String readyPath;
        private final Path log;
        private Process process;

        private Node(String name, int port, String mainClass, List<String> args, String readyPath) {
            this.name = name;
            this.port = port;
            this.readyPath = readyPath;
            this.log = directory.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a short test on a small machine: the client compiler alone starts faster and is enough
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                    "-Djava.io.tmpdir=" + directory.resolve("tmp"),
                    "-cp", System.getProperty("java.class.path"), ChildMain.class.getName(), mainClass));
            command.addAll(args);
            if (readyPath != null) {
                command.add("--server.port=" + port);
            }
            this.command = command;
        }

        /** @return e.g. {@code query-a} */
        public String name() {
            return name;
        }

        /** @return {@code http://localhost:<port>} */
        public String url() {
            return "http://localhost:" + port;
        }

        /** Starts the process; {@link #awaitReady()} waits until it answers. */
        public synchronized void start() {
            try {
                Files.createDirectories(directory.resolve("tmp"));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().put("SA_DATA_DIR", directory.resolve("data").toString());
                builder.environment().put("EMBEDDED_MONGO_PORT", Integer.toString(port));
                Files.writeString(log, "==== start " + Instant.now() + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until the process answers: its port accepts (MongoDB), its health is 200 (apps). */
        public void awaitReady() {
            Instant deadline = Instant.now().plus(READY_WITHIN);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + logTails());
                }
                if (answers()) {
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError(name + " not ready within " + READY_WITHIN + "\n" + logTails());
        }

        private boolean answers() {
            if (readyPath == null) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url() + readyPath)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** {@code kill -9}: SIGKILL, then waits for the process to be gone. Idempotent. */
        public synchronized void kill() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Kills the process with SIGKILL, starts it again on the same port and waits until it answers. */
        public void killAndRestart() {
            kill();
            start();
            awaitReady();
        }
    }
}
