package dev.serviceaccounts.web.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.data.mongo.MongoHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The {@code mongo} health component is the ping indicator wherever there is a {@link MongoTemplate}. */
class MongoPingHealthAutoConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoPingHealthAutoConfiguration.class,
                    MongoHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class));

    @Test
    void whenMongoTemplateThenPingIndicatorNamedMongoHealthIndicator() {
        contexts.withBean(MongoTemplate.class, () -> mock(MongoTemplate.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(MongoPingHealthIndicator.class);
                    assertThat(context.getBean("mongoHealthIndicator")).isInstanceOf(MongoPingHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(MongoHealthIndicator.class);
                });
    }

    @Test
    void whenNoMongoTemplateThenNoIndicator() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(MongoPingHealthIndicator.class));
    }
}
