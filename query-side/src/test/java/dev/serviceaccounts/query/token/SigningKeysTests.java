package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The signing keys at rest: private keys only encrypted with the KEK. */
class SigningKeysTests {

    private static final String OTHER_KEK = "HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4";

    private final InMemoryMongo mongo = new InMemoryMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void startWhenNoKeyStoredThenDocumentHoldsPublicJwkAndEncryptedPrivateJwkOnly() throws Exception {
        SigningKeys keys = start(TestProperties.KEY_ENCRYPTION_KEY);

        Document stored = onlyStoredKey();
        assertThat(stored.toJson()).doesNotContain("\"d\"", "\\\"d\\\"");
        ECKey publicKey = ECKey.parse(stored.getString("jwk"));
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(publicKey.getKeyID()).isEqualTo(keys.activeKeyId()).isEqualTo(stored.get("kid"));
        assertThat(stored.get("_id")).as("generation").isEqualTo(1L);

        JWEObject jwe = JWEObject.parse(stored.getString("encryptedJwk"));
        assertThat(jwe.getHeader().getAlgorithm().getName()).isEqualTo("dir");
        assertThat(jwe.getHeader().getEncryptionMethod().getName()).isEqualTo("A256GCM");
        jwe.decrypt(new DirectDecrypter(Base64.getUrlDecoder().decode(TestProperties.KEY_ENCRYPTION_KEY)));
        ECKey privateKey = ECKey.parse(jwe.getPayload().toJSONObject());
        assertThat(privateKey.isPrivate()).isTrue();
        assertThat(privateKey.toPublicJWK()).isEqualTo(publicKey);
    }

    @Test
    void startWhenRestartedWithSameKekThenSameKeySigns() throws Exception {
        SigningKeys first = start(TestProperties.KEY_ENCRYPTION_KEY);
        SigningKeys second = start(TestProperties.KEY_ENCRYPTION_KEY);

        assertThat(second.activeKeyId()).isEqualTo(first.activeKeyId());
        assertThat(mongo.template().getCollection(SigningKeys.COLLECTION).countDocuments()).isEqualTo(1);
        JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("x"));
        signed.sign(second.signer());
        assertThat(signed.verify(new ECDSAVerifier((ECKey) first.publicKeys().getKeys().get(0)))).isTrue();
    }

    @Test
    void startWhenOtherKekThenRefusedSayingSo() {
        start(TestProperties.KEY_ENCRYPTION_KEY);

        assertThatExceptionOfType(KeyEncryptionKeyException.class).isThrownBy(() -> start(OTHER_KEK))
                .withMessageContaining("cannot be decrypted with the configured SA_KEY_ENCRYPTION_KEY")
                .withMessageContaining("not the key-encryption key the signing keys were stored with")
                .withMessageNotContaining(OTHER_KEK);
    }

    @Test
    void startWhenNoKekThenRefusedSayingWhatToSet() {
        assertThatExceptionOfType(KeyEncryptionKeyException.class).isThrownBy(() -> start(""))
                .withMessageContaining("Set SA_KEY_ENCRYPTION_KEY (service-accounts.key-encryption-key) to 32 random"
                        + " bytes, base64url-encoded");
        assertThat(mongo.template().getCollection(SigningKeys.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void startWhenKekNotThirtyTwoBytesThenRefusedWithoutShowingIt() {
        String tooShort = OTHER_KEK.substring(0, 40);
        assertThatExceptionOfType(KeyEncryptionKeyException.class).isThrownBy(() -> start(tooShort))
                .withMessageContaining("decodes to 30 bytes")
                .withMessageNotContaining(tooShort);
        assertThatExceptionOfType(KeyEncryptionKeyException.class).isThrownBy(() -> start("not base64 at all!"))
                .withMessageContaining("is not base64url")
                .withMessageNotContaining("not base64 at all!");
    }

    @Test
    void startWhenPlaintextKeyOfEarlierVersionThenEncryptedInPlaceAndStillSigns() throws Exception {
        ECKey old = new ECKeyGenerator(Curve.P_256).keyID("old-key").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        mongo.template().getCollection(SigningKeys.COLLECTION).insertOne(new Document("_id", old.getKeyID())
                .append("jwk", old.toJSONString()).append("createdAt", new Date()));

        SigningKeys keys = start(TestProperties.KEY_ENCRYPTION_KEY);

        assertThat(keys.activeKeyId()).isEqualTo("old-key");
        Document stored = onlyStoredKey();
        assertThat(stored.toJson()).doesNotContain("\"d\"", "\\\"d\\\"", old.getD().toString());
        assertThat(ECKey.parse(stored.getString("jwk"))).isEqualTo(old.toPublicJWK());
        assertThat(stored.getString("encryptedJwk")).isNotBlank();
        JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("x"));
        signed.sign(keys.signer());
        assertThat(signed.verify(new ECDSAVerifier(old.toPublicJWK()))).isTrue();
        assertThat(start(TestProperties.KEY_ENCRYPTION_KEY).activeKeyId()).as("opens after migration").isEqualTo("old-key");
    }

    @Test
    void startWhenStoredPublicKeyReplacedThenRefused() throws Exception {
        SigningKeys keys = start(TestProperties.KEY_ENCRYPTION_KEY);
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID(keys.activeKeyId()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        mongo.template().getCollection(SigningKeys.COLLECTION).updateOne(new Document("kid", keys.activeKeyId()),
                new Document("$set", new Document("jwk", other.toPublicJWK().toJSONString())));

        assertThatExceptionOfType(KeyEncryptionKeyException.class)
                .isThrownBy(() -> start(TestProperties.KEY_ENCRYPTION_KEY))
                .withMessageContaining("was altered");
    }

    @Test
    void failureAnalysisWhenStartStoppedByKekThenReportSaysWhatToSet() {
        Throwable startFailure = new IllegalStateException("bean creation failed",
                catchThrowable(() -> start("")));

        FailureAnalysis analysis = new KeyEncryptionKeyFailureAnalyzer().analyze(startFailure);

        assertThat(analysis.getDescription()).startsWith("No key-encryption key is configured.");
        assertThat(analysis.getAction()).startsWith("Set SA_KEY_ENCRYPTION_KEY (service-accounts.key-encryption-key)");
    }

    @Test
    void toStringWhenPropertiesHoldSecretsThenNeitherShown() {
        assertThat(properties(OTHER_KEK).toString()).doesNotContain(OTHER_KEK, TestProperties.OPERATOR_SECRET)
                .contains("nodeId=test-node");
    }

    private Document onlyStoredKey() {
        List<Document> documents = mongo.template().getCollection(SigningKeys.COLLECTION).find()
                .into(new ArrayList<>());
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private SigningKeys start(String keyEncryptionKey) {
        return new SigningKeys(mongo.template(), Clock.systemUTC(), properties(keyEncryptionKey));
    }

    private static ServiceAccountsProperties properties(String keyEncryptionKey) {
        return new ServiceAccountsProperties(TestProperties.OPERATOR_SECRET, Duration.ofSeconds(5400),
                Duration.ofMillis(300), "test-node", true, keyEncryptionKey,
                TestProperties.properties().tokenView(), TestProperties.properties().signingKeys(),
                TestProperties.properties().failureLimits(), TestProperties.properties().secretUsage());
    }
}
