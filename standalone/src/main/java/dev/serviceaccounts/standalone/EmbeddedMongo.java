package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.MongoServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The embedded default database (docs/design.md §2): {@code mongo-java-server}, a MongoDB wire-protocol server in
 * this JVM, persisting to one H2 MVStore file under the data directory; a write is acknowledged only after a
 * commit of the store holds it (writes that arrive together share one: {@link DurableH2Backend}), so an
 * acknowledged write survives {@code kill -9}. Directory and file are
 * owner-only. Like every {@code mongo-java-server}, it has no authentication: any local user who can connect
 * to its loopback port can read and write every collection. It has no sessions, so no
 * transactions (docs/design.md §9). {@link #close()} commits and closes the store; call it last on shutdown.
 */
public final class EmbeddedMongo implements AutoCloseable {

    /** File name of the store inside the data directory. */
    public static final String STORE_FILE = "mongo.mv";

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Opens (or creates) the store in {@code dataDirectory} and listens on 127.0.0.1. The directory is made
     * {@code 0700} and the store file {@code 0600} (owner-only), also when they exist with wider modes.
     *
     * @param port TCP port; 0 picks a free one
     * @throws UncheckedIOException when the directory or the store file cannot be created or restricted
     */
    public static EmbeddedMongo start(Path dataDirectory, int port) {
        Path store = dataDirectory.resolve(STORE_FILE);
        OwnerOnlyFiles.directory(dataDirectory);
        OwnerOnlyFiles.file(store);
        MongoServer server = new MongoServer(new DurableH2Backend(store.toString()));
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(server, server.getLocalAddress());
    }

    /** @return a connection string for {@code database} on this server */
    public String uri(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /** @return the port it listens on */
    public int port() {
        return address.getPort();
    }

    /** Stops accepting connections, then commits and closes the store. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
