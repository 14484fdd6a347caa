package dev.serviceaccounts.web.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.security.Key;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.ConcurrentLruCache;

/**
 * A {@link JwtDecoder} that checks a token's ES256 signature once, not on every request (docs/decisions.md D57):
 * the last {@code capacity} tokens that decoded are kept with the keys that could have verified them. A token
 * met again is accepted only while every one of those keys is still among the keys the issuer's key source
 * selects for its header now (a withdrawn key ends its tokens as before) and both sets of claim checks pass now
 * (Nimbus's and Spring's: its lifetime, no clock skew); otherwise it is dropped and decoded in full, which
 * answers exactly as before. The signature is over the token's exact bytes, so the same string verifies the
 * same way every time: nothing else is remembered, and a refused token is not kept. Revocation and the
 * account's cutoff are checked per request elsewhere, as before.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder full;
    private final JWTClaimsSetVerifier<SecurityContext> claims;
    private final OAuth2TokenValidator<Jwt> validator;
    private final JWSKeySelector<SecurityContext> keys;
    private final ThreadLocal<List<? extends Key>> selected;
    private final ConcurrentLruCache<String, Verified> verified;

    /**
     * @param full      decodes and verifies a token in full (signature, claims, {@code validator}); must select its
     *                  keys through {@code keys}
     * @param claims    the claims verifier {@code full} runs, run again on every token met again
     * @param validator the validators {@code full} runs, run again on every token met again
     * @param keys      the key selector {@code full} verifies with
     * @param selected  where {@code keys} notes, on this thread, the keys it last selected
     * @param capacity  how many verified tokens are kept (least recently used dropped first)
     */
    VerifiedTokens(JwtDecoder full, JWTClaimsSetVerifier<SecurityContext> claims, OAuth2TokenValidator<Jwt> validator,
                   JWSKeySelector<SecurityContext> keys, ThreadLocal<List<? extends Key>> selected, int capacity) {
        this.full = full;
        this.claims = claims;
        this.validator = validator;
        this.keys = keys;
        this.selected = selected;
        this.verified = new ConcurrentLruCache<>(capacity, this::verify);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Verified known = verified.get(token);
        if (known.stillHolds(keys, claims, validator)) {
            return known.jwt();
        }
        verified.remove(token);
        return full.decode(token);
    }

    /** Decodes in full; throws (and nothing is kept) when the token is refused. */
    private Verified verify(String token) {
        selected.remove();
        try {
            Jwt jwt = full.decode(token);
            List<? extends Key> candidates = selected.get();
            SignedJWT signed = SignedJWT.parse(token);
            return new Verified(jwt, signed.getHeader(), signed.getJWTClaimsSet(),
                    candidates == null ? List.of() : List.copyOf(candidates));
        } catch (ParseException e) {
            throw new JwtException("Unreadable header", e);
        } finally {
            selected.remove();
        }
    }

    /**
     * A token that decoded, and the keys that could have verified it (its signature verified with one of them).
     */
    private record Verified(Jwt jwt, JWSHeader header, JWTClaimsSet claimsSet, List<? extends Key> candidates) {

        boolean stillHolds(JWSKeySelector<SecurityContext> keys, JWTClaimsSetVerifier<SecurityContext> claims,
                           OAuth2TokenValidator<Jwt> validator) {
            if (candidates.isEmpty() || validator.validate(jwt).hasErrors()) {
                return false;
            }
            try {
                claims.verify(claimsSet, null);
            } catch (BadJWTException e) {
                return false;
            }
            List<? extends Key> current;
            try {
                current = keys.selectJWSKeys(header, null);
            } catch (KeySourceException e) {
                return false;
            }
            return candidates.stream().allMatch(candidate -> current.stream().anyMatch(key -> sameKey(candidate, key)));
        }

        private static boolean sameKey(Key a, Key b) {
            return a.getAlgorithm().equals(b.getAlgorithm()) && Arrays.equals(a.getEncoded(), b.getEncoded());
        }
    }
}
