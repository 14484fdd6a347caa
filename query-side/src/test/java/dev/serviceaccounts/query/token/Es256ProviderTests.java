package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.query.config.ServiceAccountsProperties.SigningProvider;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactorySpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;
import java.security.spec.KeySpec;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which provider signs the access tokens, and that its tokens verify anywhere (docs/decisions.md D59). */
class Es256ProviderTests {

    private static final Supplier<Provider> UNAVAILABLE = () -> {
        throw new IllegalStateException("no native library for this platform");
    };

    @Test
    void whenAccpLoadsThenItSignsJoseSignaturesTheJdksVerifierAccepts() throws Exception {
        assumeAccpPlatform();
        Es256Provider provider = Es256Provider.choose(SigningProvider.AUTO);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ECDSASigner signer = provider.signer(key);

        SignedJWT token = signed(signer);

        assertThat(provider.name()).isEqualTo(Es256Provider.ACCP);
        assertThat(signer.getJCAContext().getProvider()).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);
        assertThat(token.getSignature().decode()).hasSize(64);
        assertThat(SignedJWT.parse(token.serialize()).verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void whenAccpSignsThenEachSignatureIsNewAndAnAlteredTokenFails() throws Exception {
        assumeAccpPlatform();
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        ECDSASigner signer = Es256Provider.choose(SigningProvider.ACCP).signer(key);
        SignedJWT first = signed(signer);
        SignedJWT second = signed(signer);
        String[] parts = first.serialize().split("\\.");
        SignedJWT altered = SignedJWT.parse(parts[0] + "." + new JWTClaimsSet.Builder().subject("other").build()
                .toPayload().toBase64URL() + "." + parts[2]);

        assertThat(first.getSignature()).as("ECDSA nonces differ").isNotEqualTo(second.getSignature());
        assertThat(altered.verify(new ECDSAVerifier(key.toPublicJWK()))).isFalse();
    }

    @Test
    void whenJdkForcedThenTheJdkSignsAndAccpIsNotAsked() throws Exception {
        Es256Provider provider = Es256Provider.choose(SigningProvider.JDK, () -> {
            throw new AssertionError("ACCP asked for although the JDK was set");
        });
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        ECDSASigner signer = provider.signer(key);

        assertThat(provider.name()).isEqualTo(Es256Provider.JDK);
        assertThat(signer.getJCAContext().getProvider()).isNull();
        assertThat(signed(signer).verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void whenAccpUnavailableThenAutoSignsWithTheJdk() throws Exception {
        Es256Provider provider = Es256Provider.choose(SigningProvider.AUTO, UNAVAILABLE);
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        ECDSASigner signer = provider.signer(key);

        assertThat(provider.name()).isEqualTo(Es256Provider.JDK);
        assertThat(signer.getJCAContext().getProvider()).isNull();
        assertThat(signed(signer).verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void whenAccpForcedButUnavailableThenChoosingFails() {
        assertThatThrownBy(() -> Es256Provider.choose(SigningProvider.ACCP, UNAVAILABLE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("provider=accp").hasMessageContaining("no native library");
    }

    @Test
    void whenAProviderSignsWhatTheJdkDoesNotVerifyThenAutoSignsWithTheJdk() {
        Es256Provider provider = Es256Provider.choose(SigningProvider.AUTO, WrongSignatures::new);

        assertThat(provider.name()).isEqualTo(Es256Provider.JDK);
        assertThatThrownBy(() -> Es256Provider.choose(SigningProvider.ACCP, WrongSignatures::new))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not verify");
    }

    private static SignedJWT signed(ECDSASigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().subject("client").claim("client_id", "client").build());
        jwt.sign(signer);
        return jwt;
    }

    /** ACCP ships native libraries for 64-bit Linux on x86 and ARM: there it must load, elsewhere it may not. */
    private static void assumeAccpPlatform() {
        assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).isEqualTo("linux");
        assumeThat(System.getProperty("os.arch")).isIn(List.of("amd64", "x86_64", "aarch64"));
    }

    /** A provider whose ES256 signatures are well-formed but of nothing: r = s = 1. */
    static final class WrongSignatures extends Provider {

        WrongSignatures() {
            super("WrongSignatures", "1", "signs nothing");
            put("Signature.SHA256withECDSA", OneOne.class.getName());
            put("KeyFactory.EC", SameKey.class.getName());
        }
    }

    public static final class OneOne extends SignatureSpi {

        @Override
        protected void engineInitVerify(PublicKey publicKey) {
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
        }

        @Override
        protected byte[] engineSign() {
            return new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    public static final class SameKey extends KeyFactorySpi {

        @Override
        protected PublicKey engineGeneratePublic(KeySpec keySpec) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec keySpec) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return key;
        }
    }
}
