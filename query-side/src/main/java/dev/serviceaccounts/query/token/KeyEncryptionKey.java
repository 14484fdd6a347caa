package dev.serviceaccounts.query.token;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import java.text.ParseException;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK) that protects the private signing keys at rest:
 * 32 bytes, configured base64url-encoded (RFC 4648 §5; padding and the standard alphabet are accepted too)
 * as {@code service-accounts.key-encryption-key} ({@code SA_KEY_ENCRYPTION_KEY}).
 *
 * <p>A private JWK is stored as a JWE in compact serialization (RFC 7516 §7.1), {@code alg: dir},
 * {@code enc: A256GCM} (RFC 7518 §4.5, §5.3), {@code cty: jwk+json}, made and opened by Nimbus JOSE+JWT.
 * The GCM tag authenticates header and content, so a wrong KEK or an altered record is refused, never
 * mistaken for a key. No method of this class ever puts the key or a decrypted key into a message.
 */
final class KeyEncryptionKey {

    /** The settings that hold the key, as named in error messages. */
    static final String SETTING = "SA_KEY_ENCRYPTION_KEY (service-accounts.key-encryption-key)";
    private static final int LENGTH = 32;
    private static final String HOW_TO_MAKE_ONE = "32 random bytes, base64url-encoded (43 characters), for example"
            + " from: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='";

    private final SecretKey key;

    private KeyEncryptionKey(SecretKey key) {
        this.key = key;
    }

    /**
     * @param setting the configured value
     * @return the key
     * @throws KeyEncryptionKeyException when it is empty, not base64url or not 32 bytes long
     */
    static KeyEncryptionKey fromSetting(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new KeyEncryptionKeyException("No key-encryption key is configured. Set " + SETTING + " to "
                    + HOW_TO_MAKE_ONE + ". It encrypts the private signing keys stored in MongoDB: keep it secret,"
                    + " and keep it (without it the stored signing keys cannot be used).");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(setting.strip().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new KeyEncryptionKeyException(SETTING + " is not base64url; it must be " + HOW_TO_MAKE_ONE + ".");
        }
        if (bytes.length != LENGTH) {
            throw new KeyEncryptionKeyException(SETTING + " decodes to " + bytes.length + " bytes; it must be "
                    + HOW_TO_MAKE_ONE + ".");
        }
        return new KeyEncryptionKey(new SecretKeySpec(bytes, "AES"));
    }

    /** @return the private JWK {@code key}, encrypted: a JWE compact serialization */
    String encrypt(ECKey privateKey) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .contentType("jwk+json").build(), new Payload(privateKey.toJSONObject()));
        try {
            jwe.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new KeyEncryptionKeyException("Encrypting signing key " + privateKey.getKeyID() + " failed", e);
        }
        return jwe.serialize();
    }

    /**
     * @param compact a JWE made by {@link #encrypt}
     * @param keyId   the stored key's id, for messages
     * @return the private JWK
     * @throws KeyEncryptionKeyException when this is not the KEK it was encrypted with, or the record was
     *                                   altered or is not such a JWE
     */
    ECKey decrypt(String compact, String keyId) {
        try {
            JWEObject jwe = JWEObject.parse(compact);
            if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
                throw new KeyEncryptionKeyException("Signing key " + keyId + " is not encrypted as dir/A256GCM");
            }
            jwe.decrypt(new DirectDecrypter(key));
            return ECKey.parse(jwe.getPayload().toJSONObject());
        } catch (JOSEException e) {
            throw new KeyEncryptionKeyException("Signing key " + keyId + " cannot be decrypted with the configured "
                    + SETTING + ": it is not the key-encryption key the signing keys were stored with, or the"
                    + " stored key was altered. Start with the key-encryption key used before.");
        } catch (ParseException e) {
            throw new KeyEncryptionKeyException("Signing key " + keyId + " is not a readable encrypted JWK");
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[hidden]";
    }
}
