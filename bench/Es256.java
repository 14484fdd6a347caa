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
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * ES256 signatures per second on one thread (bench/run pins it to one core with {@code taskset -c 0}): the bound the
 * token endpoint's signing puts on its throughput (docs/design.md §8). Signs with Nimbus's {@link ECDSASigner}, as the
 * token endpoint does (on the JDK's {@code SHA256withECDSA}), a JWT shaped like an access token (header {@code typ:
 * at+jwt}, {@code kid}; the usual claims), new claims and a new {@link SignedJWT} each time, serialized.
 * Run with Nimbus on the classpath: {@code java -cp nimbus-jose-jwt.jar bench/Es256.java [warmSeconds] [seconds]}.
 * Prints {@code es256.sig_per_s <value> sig/s}.
 */
public final class Es256 {

    public static void main(String[] args) throws Exception {
        int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        JWSSigner signer = new ECDSASigner(key);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build();
        sign(signer, header, warmSeconds * 1_000_000_000L);
        long start = System.nanoTime();
        long count = sign(signer, header, seconds * 1_000_000_000L);
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "es256.sig_per_s %.0f sig/s%n", perSecond);
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
