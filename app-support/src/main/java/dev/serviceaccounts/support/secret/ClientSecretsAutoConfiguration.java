package dev.serviceaccounts.support.secret;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The client-secret generator and encoder of both apps (docs/design.md §6): the command side hashes the
 * secrets it makes, the query side verifies them and hashes the operator's secret, all with the same two beans.
 */
@AutoConfiguration
public class ClientSecretsAutoConfiguration {

    /**
     * The encoder of every client secret: {@link ClientSecretEncoder}. Not replaceable by another
     * {@link PasswordEncoder} bean: stored hashes must keep verifying, so a second encoder makes the start fail
     * (two candidates) rather than silently take over.
     */
    @Bean
    public PasswordEncoder clientSecretEncoder() {
        return new ClientSecretEncoder();
    }

    /** The source of every client secret. */
    @Bean
    @ConditionalOnMissingBean
    public SecretGenerator secretGenerator() {
        return new SecretGenerator();
    }
}
