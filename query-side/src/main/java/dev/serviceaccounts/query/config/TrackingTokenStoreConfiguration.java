package dev.serviceaccounts.query.config;

import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps tracking tokens in MongoDB so that query-side instances share segments and resume after a restart. The
 * event store they read is the one both sides configure alike ({@code AxonMongoAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class TrackingTokenStoreConfiguration {

    /**
     * Tracking tokens in MongoDB. The node id is set explicitly: Axon's default ({@code pid@host})
     * collides when both apps share a JVM or host (docs/design.md §9).
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 ServiceAccountsProperties properties) {
        String nodeId = properties.nodeId().isBlank() ? "query-side-" + UUID.randomUUID() : properties.nodeId();
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(nodeId)
                .build();
    }
}
