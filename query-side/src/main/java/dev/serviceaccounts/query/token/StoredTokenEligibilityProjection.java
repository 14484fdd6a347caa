package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.view.RebuildableView;
import org.axonframework.config.ProcessingGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The token-eligibility fold run by the shared {@value TokenEligibilityProjection#PROCESSING_GROUP}
 * processor (segments split between instances through the MongoDB token store): keeps the
 * {@code token_eligibility} collection, from which instances start. Rebuildable beside the live collection
 * (docs/decisions.md D39): the token endpoint reads each instance's in-memory view, which a rebuild leaves alone; an
 * instance that starts after the switch loads the rebuilt collection.
 */
@Component
@ProcessingGroup(TokenEligibilityProjection.PROCESSING_GROUP)
public class StoredTokenEligibilityProjection extends TokenEligibilityProjection {

    public StoredTokenEligibilityProjection(TokenEligibilityCollection collection) {
        super(collection);
    }

    /** @return the stored token-eligibility view rebuilt beside the live one: this projection, another collection */
    @Bean
    static RebuildableView tokenEligibilityRebuildable(MongoTemplate mongo) {
        return RebuildableView.of(PROCESSING_GROUP, TokenEligibilityCollection.COLLECTION,
                collection -> new StoredTokenEligibilityProjection(new TokenEligibilityCollection(mongo, () -> collection)));
    }
}
