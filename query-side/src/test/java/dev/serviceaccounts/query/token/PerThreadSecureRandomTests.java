package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-thread random source of the token endpoint (docs/decisions.md D51). */
class PerThreadSecureRandomTests {

    @Test
    void whenUuidMadeThenItIsARandomVersion4UuidLikeTheJdks() {
        UUID uuid = PerThreadSecureRandom.randomUuid();

        assertThat(uuid.version()).isEqualTo(UUID.randomUUID().version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(UUID.randomUUID().variant()).isEqualTo(2);
        assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
    }

    @Test
    void whenManyThreadsDrawThenNoValueRepeats() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        Set<String> bytes = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(PerThreadSecureRandom.randomUuid());
                    byte[] drawn = new byte[16];
                    PerThreadSecureRandom.INSTANCE.nextBytes(drawn);
                    bytes.add(HexFormat.of().formatHex(drawn));
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(seen).hasSize(40_000);
        assertThat(bytes).hasSize(40_000);
    }
}
