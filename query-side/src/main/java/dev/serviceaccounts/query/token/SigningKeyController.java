package dev.serviceaccounts.query.token;

import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/signing-keys:rotate}: the operator makes a new signing key at once (docs/design.md
 * §4, §6); anyone else is refused 403 problem+json, as for every operator-only command. The retired key stays in
 * the JWKS until the last token it signed has expired.
 */
@RestController
public class SigningKeyController {

    private final SigningKeys keys;
    private final CompanyAccessPolicy access;

    public SigningKeyController(SigningKeys keys, CompanyAccessPolicy access) {
        this.keys = keys;
        this.access = access;
    }

    /** @return 200 {@code {kid, createdAt}} of the new signing key */
    @PostMapping(path = "/api/v1/admin/signing-keys:rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    public RotatedKey rotate(@AuthenticationPrincipal Caller caller) {
        access.requireOperator(caller);
        SigningKeys.ActiveKey key = keys.rotate();
        return new RotatedKey(key.keyId(), key.createdAt());
    }

    /**
     * @param kid       the new key's id, the {@code kid} header of every token signed from now on
     * @param createdAt when it was made
     */
    public record RotatedKey(String kid, Instant createdAt) {
    }
}
