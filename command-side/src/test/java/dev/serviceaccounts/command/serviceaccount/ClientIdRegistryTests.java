package dev.serviceaccounts.command.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.net.InetSocketAddress;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** docs/design.md §3 invariant 4: a {@code client_id} is unique forever (a set-based rule in a lookup table). */
class ClientIdRegistryTests {

    private static final ServiceAccountId OTHER = new ServiceAccountId("7e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b");

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    private final MongoTemplate mongo = new MongoTemplate(client, "test");
    private final ClientIdRegistry registry = new ClientIdRegistry(mongo);

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void reserveWhenFreeThenHeldByTheAccount() {
        assertThat(registry.reserve(new ClientId("client-1"), TestServiceAccounts.ID, TestServiceAccounts.COMPANY)).isTrue();
        assertThat(registry.find("client-1")).contains(TestServiceAccounts.ID);
    }

    @Test
    void reserveWhenEverHandedOutThenRefused() {
        registry.reserve(new ClientId("client-1"), TestServiceAccounts.ID, TestServiceAccounts.COMPANY);
        assertThat(registry.reserve(new ClientId("client-1"), OTHER, TestServiceAccounts.OTHER_COMPANY)).isFalse();
        assertThat(registry.find("client-1")).contains(TestServiceAccounts.ID);
    }

    @Test
    void whileRebuildingWhenReservedThenInBothGenerations() {
        rebuildInto("_r1");

        assertThat(registry.reserve(new ClientId("client-1"), TestServiceAccounts.ID, TestServiceAccounts.COMPANY)).isTrue();

        assertThat(mongo.findById("client-1", Document.class, "client_id_registry")).isNotNull();
        assertThat(mongo.findById("client-1", Document.class, "client_id_registry_r1")).isNotNull();
    }

    @Test
    void whileRebuildingWhenTheRebuiltTableHasTheIdThenRefusedAndTakenBackFromTheLiveOne() {
        rebuildInto("_r1");
        mongo.insert(new Document("_id", "client-1").append("serviceAccountId", OTHER.value()), "client_id_registry_r1");

        assertThat(registry.reserve(new ClientId("client-1"), TestServiceAccounts.ID, TestServiceAccounts.COMPANY))
                .as("an id an event names, lost from the live table").isFalse();

        assertThat(mongo.findById("client-1", Document.class, "client_id_registry")).isNull();
    }

    /** Stores a rebuild's generations: every write goes to the live table and to the one with {@code suffix}. */
    private void rebuildInto(String suffix) {
        mongo.save(new Document("_id", "lookup-tables").append("live", "").append("building", suffix)
                .append("readFromBuilding", false), "lookup_table_generations");
    }

    @Test
    void findWhenNeverReservedThenEmpty() {
        assertThat(registry.find("unknown")).isEmpty();
    }
}
