package dev.serviceaccounts.query.token;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start stopped by the key-encryption key (missing, malformed, or not the one the signing keys were
 * stored with) into Spring Boot's short "APPLICATION FAILED TO START" report: what is wrong and what to set,
 * instead of a chain of bean-creation stack traces. Registered in {@code META-INF/spring.factories}.
 */
public class KeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionKeyException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + KeyEncryptionKey.SETTING + " to the key-encryption"
                + " key the signing keys are stored with (README, 'Keys at rest').", cause);
    }
}
