package dev.serviceaccounts.query.config;

import dev.serviceaccounts.support.config.CommonProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query side, under {@code service-accounts}; those both sides share (issuer, audience, operator,
 * event-store polling) are in {@link CommonProperties}.
 *
 * @param operatorClientSecret the operator's secret; when empty, one is generated on first start and printed once
 * @param tokenTtl             access-token lifetime ({@code expires_in}); Procore's default is 5400 s
 * @param failureDelay         how long a failed client authentication waits before it is answered: the
 *                             same for every failure (no client enumeration by timing), and long enough
 *                             for the eligibility view to catch up with a just-created account
 * @param nodeId               this instance's name in the tracking-token claims and in the registry of
 *                             query-side instances; empty means a random one
 * @param announceGeneratedOperatorSecret print a generated operator secret to the console at once; the
 *                             one-JVM launcher turns this off and prints it in its own banner instead
 * @param keyEncryptionKey     the key-encryption key of the private signing keys at rest: 32 bytes,
 *                             base64url-encoded; required (the one-JVM launcher makes one for the embedded
 *                             default). Never shown by {@link #toString()}
 * @param tokenView            this instance's token-eligibility view and its acknowledgements to the command side
 * @param signingKeys          rotation and reloading of the signing keys (docs/design.md §6)
 * @param failureLimits        brute-force limits of the token endpoint (docs/decisions.md D25)
 * @param secretUsage          when each secret was last used to get a token (docs/decisions.md D26)
 */
@ConfigurationProperties("service-accounts")
public record ServiceAccountsProperties(
        @DefaultValue("") String operatorClientSecret,
        @DefaultValue("5400s") Duration tokenTtl,
        @DefaultValue("300ms") Duration failureDelay,
        @DefaultValue("") String nodeId,
        @DefaultValue("true") boolean announceGeneratedOperatorSecret,
        @DefaultValue("") String keyEncryptionKey,
        @DefaultValue TokenView tokenView,
        @DefaultValue SigningKeys signingKeys,
        @DefaultValue FailureLimits failureLimits,
        @DefaultValue SecretUsage secretUsage) {

    /** @return the settings without the operator's secret and the key-encryption key */
    @Override
    public String toString() {
        return "ServiceAccountsProperties[tokenTtl=" + tokenTtl + ", failureDelay=" + failureDelay
                + ", nodeId=" + nodeId + ", tokenView=" + tokenView + ", signingKeys=" + signingKeys
                + ", failureLimits=" + failureLimits + ", secretUsage=" + secretUsage + "]";
    }

    /**
     * Settings of the per-instance token view (see {@code docs/token-freshness.md}).
     *
     * @param batchSize         events per batch of this instance's token-view processor
     * @param heartbeatInterval how often this instance tells the command side it is alive; the command side
     *                          counts an instance live while its last heartbeat is recent
     * @param ackHorizon        events older than this are applied but not acknowledged: no command waits
     *                          that long, so a replay at start writes no acknowledgements
     * @param catchUpTimeout    how long a starting instance waits for its view to reach the head of the
     *                          event store before it opens its port anyway (with a warning)
     * @param pruneAfter        registrations and acknowledgements of instances silent this long are deleted
     */
    public record TokenView(
            @DefaultValue("1000") int batchSize,
            @DefaultValue("500ms") Duration heartbeatInterval,
            @DefaultValue("1m") Duration ackHorizon,
            @DefaultValue("30s") Duration catchUpTimeout,
            @DefaultValue("1h") Duration pruneAfter) {
    }

    /**
     * The signing keys' life (docs/design.md §6): a new key signs once the active one is {@code rotationPeriod}
     * old (or when the operator rotates); a retired key stays published until every token it signed has expired.
     *
     * @param rotationPeriod how long a key signs before an instance rotates it
     * @param reloadPeriod   how often an instance reads the keys again, so that it signs with a key another
     *                       instance rotated in, and checks whether a rotation is due; a token naming an unknown
     *                       {@code kid} reloads at once (at most once a second)
     * @param provider       which JCA provider signs: {@code auto} (the Amazon Corretto Crypto Provider where its
     *                       native library loads, else the JDK's), {@code jdk}, or {@code accp} (the start fails
     *                       where it does not load); docs/decisions.md D59
     */
    public record SigningKeys(
            @DefaultValue("30d") Duration rotationPeriod,
            @DefaultValue("10s") Duration reloadPeriod,
            @DefaultValue("auto") SigningProvider provider) {
    }

    /** The setting of the JCA provider that signs access tokens (docs/decisions.md D59). */
    public enum SigningProvider {
        /** ACCP where it loads and passes its self-test, else the JDK's provider. */
        AUTO,
        /** The JDK's provider ({@code SunEC}) only. */
        JDK,
        /** ACCP only; the query side does not start where it cannot sign with it. */
        ACCP
    }

    /**
     * Brute-force limits of the token endpoint (docs/decisions.md D25): {@code perClientId} failed client
     * authentications for one {@code client_id}, or {@code perAddress} from one source address, within
     * {@code window} block that key for {@code firstBlock}, doubling with each further block up to {@code maxBlock}
     * (the longest a real client can be kept out by someone else's failures, per block).
     *
     * @param perClientId failures per {@code client_id} and window that start a block
     * @param perAddress  failures per source address (an IPv6 address: its /64) and window that start a block
     * @param window      the window, from the first failure counted
     * @param firstBlock  the first block of a key
     * @param maxBlock    the cap of a block; the doubling starts over after this much quiet time after a block
     * @param trackedKeys the most {@code client_id}s, and separately addresses, held in memory
     */
    public record FailureLimits(
            @DefaultValue("20") int perClientId,
            @DefaultValue("300") int perAddress,
            @DefaultValue("1m") Duration window,
            @DefaultValue("10s") Duration firstBlock,
            @DefaultValue("2m") Duration maxBlock,
            @DefaultValue("100000") int trackedKeys) {
    }

    /**
     * Last use of each secret (docs/decisions.md D26).
     *
     * @param writeInterval   at most one write of a secret's last use per this interval and instance: the
     *                        precision of {@code lastUsedAt}
     * @param trackedSecrets  the most secrets whose last write this instance remembers (older ones are forgotten
     *                        and written again on their next use)
     */
    public record SecretUsage(
            @DefaultValue("1m") Duration writeInterval,
            @DefaultValue("100000") int trackedSecrets) {
    }
}
