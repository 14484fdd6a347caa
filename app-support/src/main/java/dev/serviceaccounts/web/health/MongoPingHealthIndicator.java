package dev.serviceaccounts.web.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Health of the MongoDB connection by {@code ping}, which every MongoDB and the embedded
 * {@code mongo-java-server} answer. Replaces Spring Boot's indicator, whose {@code hello} command the
 * embedded server does not know (it reported DOWN while all worked). A bean named {@code mongoHealthIndicator}
 * (health component {@code mongo}) of {@link MongoPingHealthAutoConfiguration}.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    /** @param mongo the app's template; its database is named in the health details */
    public MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB ping failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.executeCommand("{ ping: 1 }");
        builder.up().withDetail("database", mongo.getDb().getName());
    }
}
