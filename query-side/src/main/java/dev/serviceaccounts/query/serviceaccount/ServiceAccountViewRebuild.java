package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.query.view.RebuildableView;
import dev.serviceaccounts.query.view.ViewGenerations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The service-account view rebuilt beside the live one (docs/decisions.md D39): the same projection, another collection. */
@Component
class ServiceAccountViewRebuild implements RebuildableView {

    private final MongoTemplate mongo;
    private final ViewGenerations generations;

    ServiceAccountViewRebuild(MongoTemplate mongo, ViewGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    @Override
    public String processorName() {
        return ServiceAccountProjection.PROCESSING_GROUP;
    }

    @Override
    public String liveCollection() {
        return generations.collection(ServiceAccountProjection.PROCESSING_GROUP, ServiceAccountViews.COLLECTION);
    }

    @Override
    public Object projectionInto(String collection) {
        return new ServiceAccountProjection(new ServiceAccountViews(mongo, () -> collection));
    }
}
