package dev.serviceaccounts.command.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** docs/design.md §3 invariant 4: a {@code client_id} is unique forever (a set-based rule in a lookup table). */
class ClientIdRegistryTests {

    private static final ServiceAccountId OTHER = new ServiceAccountId("7e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b");

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    private final ClientIdRegistry registry = new ClientIdRegistry(new MongoTemplate(client, "test"));

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
    void findWhenNeverReservedThenEmpty() {
        assertThat(registry.find("unknown")).isEmpty();
    }
}
