package dev.serviceaccounts.web.health;

import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The {@code mongo} health component as {@link MongoPingHealthIndicator}, in every context with a
 * {@link MongoTemplate}. Runs before Spring Boot's own MongoDB health configuration, which then backs off
 * (the apps also switch it off with {@code management.health.mongo.enabled: false}).
 */
@AutoConfiguration(after = MongoDataAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
@ConditionalOnClass({MongoTemplate.class, AbstractHealthIndicator.class})
@ConditionalOnBean(MongoTemplate.class)
public class MongoPingHealthAutoConfiguration {

    /** @return the indicator, named {@code mongoHealthIndicator} like the one it replaces */
    @Bean("mongoHealthIndicator")
    public MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
