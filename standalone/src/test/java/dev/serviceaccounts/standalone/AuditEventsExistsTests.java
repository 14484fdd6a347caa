package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import dev.serviceaccounts.query.audit.AuditEntry;
import dev.serviceaccounts.query.audit.AuditEvents;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * docs/decisions.md D52: the history's existence check (asked before every page of an account's history) is a find
 * that the embedded server plans on an index, never a count, which it answers through an aggregation that reads the
 * whole collection.
 */
class AuditEventsExistsTests {

    @Test
    void whenTheHistoryChecksAnAccountThenItFindsOneEntryWithoutCounting(@TempDir Path data) {
        MongoServer server = new MongoServer(new DurableH2Backend(data.resolve("mongo.mv").toString()));
        server.bind("127.0.0.1", 0);
        List<String> commands = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName());
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:"
                        + server.getLocalAddress().getPort()))
                .addCommandListener(listener).build())) {
            MongoTemplate mongo = new MongoTemplate(client, "db");
            AuditEvents events = new AuditEvents(mongo);
            for (int i = 1; i <= 50; i++) {
                mongo.insert(new AuditEntry("e" + i, i, List.of("c" + i % 3), Instant.parse("2026-01-01T00:00:00Z"),
                        "operator", "r" + i, i % 5 == 0 ? "ServiceAccountCreatedEvent" : "ServiceAccountEditedEvent",
                        "ServiceAccount", "a" + i, "{}"), "audit_events");
            }
            commands.clear();

            assertThat(events.exists("c2", "a5", "ServiceAccountCreatedEvent")).isTrue();
            assertThat(events.exists("c1", "a5", "ServiceAccountCreatedEvent")).isFalse();
            assertThat(events.exists("c1", "a4", "ServiceAccountCreatedEvent")).isFalse();
            assertThat(events.exists("c1", "a4", "ServiceAccountEditedEvent")).isTrue();
            assertThat(commands).containsOnly("find");
        } finally {
            server.shutdownNow();
        }
    }
}
