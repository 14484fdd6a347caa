package dev.serviceaccounts.query.token;

import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.security.AccessTokenDecoders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The decoder of the bearer tokens on this side's API, beside the keys that sign them, so that the security
 * package needs nothing of the token package.
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokenVerification {

    /**
     * Verifies RFC 9068 access tokens ({@link AccessTokenDecoders#rfc9068}: {@code at+jwt}, ES256, the required
     * claims, our issuer and audience) with the published keys, as the JWKS serves them; a {@code kid} that
     * another instance rotated in reloads them.
     */
    @Bean
    public JwtDecoder jwtDecoder(SigningKeys keys, CommonProperties properties) {
        return AccessTokenDecoders.rfc9068(keys,
                properties.issuer().toString(), properties.audience());
    }
}
