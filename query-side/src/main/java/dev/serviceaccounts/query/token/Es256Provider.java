package dev.serviceaccounts.query.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.serviceaccounts.query.config.ServiceAccountsProperties.SigningProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider of the access tokens' ES256 signatures (docs/decisions.md D59): the Amazon Corretto Crypto
 * Provider (ACCP, AWS-LC underneath) where its native library loads, passes its own self-tests and makes a signature
 * that the JDK verifies; else the JDK's ({@code SunEC}), as before. Given to the signer alone, never installed
 * JVM-wide: TLS, the key-encryption key, the verification of tokens and everything else keep the JDK's providers.
 * Signatures are JOSE-format (r‖s, 64 bytes) with either: Nimbus transcodes the provider's DER.
 */
final class Es256Provider {

    /** {@link #name()} of ACCP. */
    static final String ACCP = "accp";
    /** {@link #name()} of the JDK's provider. */
    static final String JDK = "jdk";
    private static final Logger log = LoggerFactory.getLogger(Es256Provider.class);

    private final String name;
    private final Provider provider;

    private Es256Provider(String name, Provider provider) {
        this.name = name;
        this.provider = provider;
    }

    /**
     * Chooses as {@code service-accounts.signing-keys.provider} says and logs the choice.
     *
     * @throws IllegalStateException when {@code accp} is asked for and cannot sign here
     */
    static Es256Provider choose(SigningProvider setting) {
        return choose(setting, Es256Provider::loadAccp);
    }

    /**
     * @param accp ACCP, healthy; throws (any {@link RuntimeException} or {@link LinkageError}) where it is not
     * @throws IllegalStateException when {@code accp} is asked for and cannot sign here
     */
    static Es256Provider choose(SigningProvider setting, Supplier<Provider> accp) {
        if (setting == SigningProvider.JDK) {
            log.info("Access tokens are signed by the JDK's provider (service-accounts.signing-keys.provider=jdk)");
            return new Es256Provider(JDK, null);
        }
        Es256Provider chosen;
        try {
            chosen = new Es256Provider(ACCP, accp.get());
            chosen.selfCheck();
        } catch (RuntimeException | LinkageError e) {
            if (setting == SigningProvider.ACCP) {
                throw new IllegalStateException("service-accounts.signing-keys.provider=accp, but the Amazon Corretto"
                        + " Crypto Provider cannot sign here: " + e, e);
            }
            log.info("Access tokens are signed by the JDK's provider: the Amazon Corretto Crypto Provider cannot sign"
                    + " here ({})", e.toString());
            return new Es256Provider(JDK, null);
        }
        log.info("Access tokens are signed by the Amazon Corretto Crypto Provider {} (AWS-LC)",
                chosen.provider.getVersionStr());
        return chosen;
    }

    /** @return {@value #ACCP} or {@value #JDK} */
    String name() {
        return name;
    }

    /**
     * @return a thread-safe ES256 signer with {@code key} on this provider, its nonces from a per-thread DRBG
     *         where the provider takes them from the caller (the JDK's; docs/decisions.md D51)
     * @throws JOSEException when {@code key} is no P-256 private key
     */
    ECDSASigner signer(ECKey key) throws JOSEException {
        ECDSASigner signer;
        if (provider == null) {
            signer = new ECDSASigner(key);
        } else {
            if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
                throw new JOSEException("Not a P-256 private key");
            }
            // converted once: ACCP would convert the JDK's key object to its own at every signature, half its cost
            PrivateKey own;
            try {
                own = (PrivateKey) KeyFactory.getInstance("EC", provider).translateKey(key.toPrivateKey());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("The provider does not take the key: " + e.getMessage(), e);
            }
            signer = new ECDSASigner(own, Curve.P_256);
            signer.getJCAContext().setProvider(provider);
        }
        signer.getJCAContext().setSecureRandom(PerThreadSecureRandom.INSTANCE);
        return signer;
    }

    /** A signature of a fresh key must verify with the JDK's provider: a provider that signs wrongly is not used. */
    private void selfCheck() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).generate();
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("self-check"));
            jws.sign(signer(key));
            if (jws.getSignature().decode().length != 64 || !jws.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                throw new IllegalStateException("its ES256 signature does not verify with the JDK");
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("its ES256 self-check failed: " + e.getMessage(), e);
        }
    }

    /** ACCP, once its native library is loaded and its own self-tests passed; throws otherwise. */
    private static Provider loadAccp() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        accp.assertHealthy();
        return accp;
    }
}
