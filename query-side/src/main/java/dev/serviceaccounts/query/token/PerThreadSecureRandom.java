package dev.serviceaccounts.query.token;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random bytes for the token endpoint's hot path from one DRBG ({@code SecureRandom.getInstance("DRBG")}, seeded by
 * the JDK from the system's entropy) per thread. The JDK's default on Linux, {@code NativePRNG}, which
 * {@link UUID#randomUUID()} and an ECDSA signature use unless given another, takes one lock shared by the whole JVM for
 * every call: with request threads outnumbering the cores, a thread preempted while holding it stalled every other
 * token request for tens of milliseconds (docs/decisions.md D51). Only {@link #nextBytes(byte[])} is served per
 * thread, which is all that {@code SecureRandom}'s other {@code next*} methods and the JDK's ECDSA use.
 */
final class PerThreadSecureRandom extends SecureRandom {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no DRBG", e);
        }
    });

    /** The one instance; thread-safe without a shared lock. */
    static final PerThreadSecureRandom INSTANCE = new PerThreadSecureRandom();

    private PerThreadSecureRandom() {
    }

    @Override
    public void nextBytes(byte[] bytes) {
        RANDOM.get().nextBytes(bytes);
    }

    /** @return a random (version 4) UUID, as {@link UUID#randomUUID()} makes, from this thread's DRBG */
    static UUID randomUuid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }
}
