package dev.serviceaccounts.standalone.clients;

import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/** Accepts RFC 9068 access tokens (typ: at+jwt), and no other JWT. */
@Configuration(proxyBeanMethods = false)
class AccessTokenTypeConfiguration {

    /** Nimbus, as Spring Security 6.5 sets it up, admits typ JWT only: leave the typ to the validator below. */
    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer typeCheckedByValidator() {
        return builder -> builder.validateType(false);
    }

    /** Spring Boot adds this to the decoder's validators. */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokenType() {
        return new JwtTypeValidator("at+jwt");
    }
}
