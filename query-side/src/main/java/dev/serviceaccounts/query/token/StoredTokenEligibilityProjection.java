package dev.serviceaccounts.query.token;

import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * The token-eligibility fold run by the shared {@value TokenEligibilityProjection#PROCESSING_GROUP}
 * processor (segments split between instances through the MongoDB token store): keeps the
 * {@code token_eligibility} collection, from which instances start.
 */
@Component
@ProcessingGroup(TokenEligibilityProjection.PROCESSING_GROUP)
public class StoredTokenEligibilityProjection extends TokenEligibilityProjection {

    public StoredTokenEligibilityProjection(TokenEligibilityCollection collection) {
        super(collection);
    }
}
