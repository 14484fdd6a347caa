package dev.serviceaccounts.query.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A {@code mongo-java-server} with the in-memory backend and a Spring {@link MongoTemplate} on it, for
 * projection tests without a Spring context. Each instance uses a fresh database; close it after the test.
 */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MongoTemplate template;

    public InMemoryMongo() {
        this(null);
    }

    /** @param listener sees every command the template sends (e.g. to count queries); null for none */
    public InMemoryMongo(CommandListener listener) {
        String connectionString = server.bindAndGetConnectionString();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString));
        if (listener != null) {
            settings.addCommandListener(listener);
        }
        this.client = MongoClients.create(settings.build());
        this.template = new MongoTemplate(client, "test-" + UUID.randomUUID());
    }

    /** @return the template on this test's database */
    public MongoTemplate template() {
        return template;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
