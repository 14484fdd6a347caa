import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * ES256 signatures per second on one thread (bench/run pins it to one core with {@code taskset -c 0}): the bound the
 * token endpoint's signing puts on its throughput (docs/design.md §8). Signs with Nimbus's {@link ECDSASigner}, as the
 * token endpoint does, a JWT shaped like an access token (header {@code typ: at+jwt}, {@code kid}; the usual claims),
 * new claims and a new {@link SignedJWT} each time, serialized: first on the provider the endpoint signs with by
 * default (the Amazon Corretto Crypto Provider where it is on the classpath and loads, its private key converted to
 * the provider's own once, as {@code Es256Provider} does; docs/decisions.md D59), then on the JDK's
 * {@code SHA256withECDSA}. Run with Nimbus (and ACCP) on the classpath: {@code java --enable-native-access=ALL-UNNAMED
 * -cp nimbus-jose-jwt.jar:AmazonCorrettoCryptoProvider.jar bench/Es256.java [warmSeconds] [seconds]} (each provider
 * is warmed and measured that long). Prints {@code es256.sig_per_s <value> sig/s} (the endpoint's provider) and
 * {@code es256.jdk_sig_per_s <value> sig/s} (the JDK's; the same figure when ACCP does not load), and on standard
 * error which provider the first one is.
 */
public final class Es256 {

    public static void main(String[] args) throws Exception {
        int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build();
        Provider accp = accp();
        double jdk;
        if (accp != null) {
            PrivateKey own = (PrivateKey) KeyFactory.getInstance("EC", accp).translateKey(key.toPrivateKey());
            ECDSASigner signer = new ECDSASigner(own, Curve.P_256);
            signer.getJCAContext().setProvider(accp);
            double endpoint = perSecond(signer, header, warmSeconds, seconds);
            System.err.println("es256: the endpoint's provider is the Amazon Corretto Crypto Provider " + accp.getVersionStr());
            System.out.printf(Locale.ROOT, "es256.sig_per_s %.0f sig/s%n", endpoint);
            jdk = perSecond(new ECDSASigner(key), header, warmSeconds, seconds);
        } else {
            jdk = perSecond(new ECDSASigner(key), header, warmSeconds, seconds);
            System.err.println("es256: the endpoint's provider is the JDK's (the Amazon Corretto Crypto Provider does not load)");
            System.out.printf(Locale.ROOT, "es256.sig_per_s %.0f sig/s%n", jdk);
        }
        System.out.printf(Locale.ROOT, "es256.jdk_sig_per_s %.0f sig/s%n", jdk);
    }

    /** @return signatures per second over {@code seconds}, after {@code warmSeconds} of the same */
    private static double perSecond(JWSSigner signer, JWSHeader header, int warmSeconds, int seconds) throws Exception {
        sign(signer, header, warmSeconds * 1_000_000_000L);
        long start = System.nanoTime();
        long count = sign(signer, header, seconds * 1_000_000_000L);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** @return ACCP when it is on the classpath and healthy, else null (looked up by name: the jar is optional) */
    private static Provider accp() {
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            type.getMethod("assertHealthy").invoke(provider);
            return provider;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Signs for {@code nanos}; @return the number of signatures */
    private static long sign(JWSSigner signer, JWSHeader header, long nanos) throws Exception {
        long end = System.nanoTime() + nanos;
        long count = 0;
        long length = 0;
        while (System.nanoTime() < end) {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080").subject("sa-" + count)
                    .audience("service-accounts-api").issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(5400))).jwtID(UUID.randomUUID().toString())
                    .claim("client_id", "sa-" + count).claim("company_id", "c-1").claim("account_version", 1)
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            length += jwt.serialize().length();
            count++;
        }
        if (length == 0 && count > 0) {
            throw new IllegalStateException("empty tokens");
        }
        return count;
    }
}
