package dev.serviceaccounts.standalone.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;

/**
 * The signing keys as an attacker or a test sees them: the raw {@code signing_keys} documents, and the
 * private key opened with the system's key-encryption key, to sign tokens the system did not issue.
 */
public final class StoredSigningKeys {

    /** The collection the query side keeps its keys in. */
    public static final String COLLECTION = "signing_keys";

    private StoredSigningKeys() {
    }

    /** @return every stored key document, as stored */
    public static List<Document> documents(TestSystem system) {
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            return client.getDatabase(TestSystem.DATABASE).getCollection(COLLECTION).find().into(new ArrayList<>());
        }
    }

    /** @return the newest stored key, private part decrypted with the system's key-encryption key */
    public static ECKey newestPrivateKey(TestSystem system) {
        Document newest = documents(system).stream()
                .max((a, b) -> a.getDate("createdAt").compareTo(b.getDate("createdAt")))
                .orElseThrow(() -> new AssertionError("no signing key stored"));
        return decrypt(newest, system.keyEncryptionKey());
    }

    /** @return the private key of {@code document}, opened with {@code keyEncryptionKey} (base64url) */
    public static ECKey decrypt(Document document, String keyEncryptionKey) {
        try {
            JWEObject jwe = JWEObject.parse(document.getString("encryptedJwk"));
            jwe.decrypt(new DirectDecrypter(Base64.getUrlDecoder().decode(keyEncryptionKey)));
            return ECKey.parse(jwe.getPayload().toJSONObject());
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("stored key " + document.get("_id") + " cannot be opened", e);
        }
    }

    /** @return {@code claims} signed ES256 with {@code key}, header {@code typ: at+jwt} and its {@code kid} */
    public static String sign(ECKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        return jwt.serialize();
    }
}
