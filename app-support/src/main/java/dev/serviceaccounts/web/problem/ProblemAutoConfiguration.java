package dev.serviceaccounts.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every error of a servlet app as RFC 9457 problem+json in the project's vocabulary ({@link Problems}): the
 * container's error page ({@link ProblemErrorController}, in place of Spring Boot's, hence before
 * {@link ErrorMvcAutoConfiguration}), Tomcat's own error report ({@link ProblemErrorReportValve}) and the
 * 401 of a missing or bad bearer token ({@link ProblemAuthenticationEntryPoint}). Each Spring context gets
 * its own beans; none holds state.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemAutoConfiguration {

    /** @return the error page ({@code server.error.path}, {@code /error}) */
    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    public ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** An error status set with no body gets its problem ({@link EmptyErrorBodyFilter}), around every other filter. */
    @Bean
    FilterRegistrationBean<EmptyErrorBodyFilter> emptyErrorBodyFilter(ObjectMapper objectMapper) {
        FilterRegistrationBean<EmptyErrorBodyFilter> registration =
                new FilterRegistrationBean<>(new EmptyErrorBodyFilter(objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Tomcat's error report, when the app runs on an embedded Tomcat. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReport {

        @Bean
        @ConditionalOnMissingBean
        ProblemErrorReportValve.Installer problemErrorReportValveInstaller() {
            return new ProblemErrorReportValve.Installer();
        }
    }

    /** The entry point, when the app is an OAuth 2.0 resource server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(BearerTokenAuthenticationEntryPoint.class)
    static class BearerTokenProblems {

        @Bean
        @ConditionalOnMissingBean
        ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ObjectMapper objectMapper) {
            return new ProblemAuthenticationEntryPoint(objectMapper);
        }

        /** Spring Security's firewall rejections: a missing token first, then 400 ({@link MissingTokenFirstRejectedHandler}). */
        @Bean
        @ConditionalOnMissingBean(RequestRejectedHandler.class)
        MissingTokenFirstRejectedHandler missingTokenFirstRejectedHandler(ProblemAuthenticationEntryPoint entryPoint,
                                                                          ObjectMapper objectMapper) {
            return new MissingTokenFirstRejectedHandler(entryPoint, objectMapper);
        }
    }
}
