package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.view.RebuildableView;
import dev.serviceaccounts.query.view.ViewGenerations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored token-eligibility view ({@value TokenEligibilityProjection#PROCESSING_GROUP}) rebuilt beside the live
 * one (docs/decisions.md D39). The token endpoint reads each instance's in-memory view, which a rebuild leaves
 * alone; an instance that starts after the switch loads the rebuilt collection.
 */
@Component
class TokenEligibilityRebuild implements RebuildableView {

    private final MongoTemplate mongo;
    private final ViewGenerations generations;

    TokenEligibilityRebuild(MongoTemplate mongo, ViewGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    @Override
    public String processorName() {
        return TokenEligibilityProjection.PROCESSING_GROUP;
    }

    @Override
    public String liveCollection() {
        return generations.collection(TokenEligibilityProjection.PROCESSING_GROUP, TokenEligibilityCollection.COLLECTION);
    }

    @Override
    public Object projectionInto(String collection) {
        return new StoredTokenEligibilityProjection(new TokenEligibilityCollection(mongo, () -> collection));
    }
}
