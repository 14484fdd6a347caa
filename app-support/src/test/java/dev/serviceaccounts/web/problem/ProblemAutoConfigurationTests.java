package dev.serviceaccounts.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.web.json.StrictJsonAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.error.ErrorController;

/**
 * The problem beans replace Spring Boot's error page in every servlet context, each context with its own
 * beans, and stay out of a context that is no servlet app.
 */
class ProblemAutoConfigurationTests {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ProblemAutoConfiguration.class, StrictJsonAutoConfiguration.class,
                    ErrorMvcAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                    JacksonAutoConfiguration.class));

    @Test
    void whenServletAppThenProblemErrorControllerInPlaceOfBoots() {
        web.run(context -> {
            assertThat(context).hasSingleBean(ErrorController.class);
            assertThat(context).hasSingleBean(ProblemErrorController.class);
            assertThat(context).doesNotHaveBean(BasicErrorController.class);
            assertThat(context).hasSingleBean(ProblemAuthenticationEntryPoint.class);
            assertThat(context).hasSingleBean(ProblemErrorReportValve.Installer.class);
        });
    }

    @Test
    void whenTwoContextsThenEachHasItsOwnBeans() {
        web.run(first -> web.run(second -> {
            assertThat(first.getBean(ProblemErrorController.class))
                    .isNotSameAs(second.getBean(ProblemErrorController.class));
            assertThat(first.getBean(ProblemAuthenticationEntryPoint.class))
                    .isNotSameAs(second.getBean(ProblemAuthenticationEntryPoint.class));
        }));
    }

    @Test
    void whenNotServletAppThenNoProblemBeans() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProblemAutoConfiguration.class, JacksonAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ProblemErrorController.class)
                        .doesNotHaveBean(ProblemAuthenticationEntryPoint.class));
    }
}
