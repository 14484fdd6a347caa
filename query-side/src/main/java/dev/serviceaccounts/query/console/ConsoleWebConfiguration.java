package dev.serviceaccounts.query.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's static files, {@code classpath:/console/} at {@code /console/**} (the app serves no other static
 * resource: an unknown path stays a 404), and the headers of every console response (docs/decisions.md D49): a strict
 * Content Security Policy (scripts, styles and images from this origin only, no inline script or style, connections
 * to this origin and the command side's, no framing, no form posts, no plugins), and no referrer. Spring Security
 * adds its own (no sniffing, frame denial, no caching).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/**").addResourceLocations("classpath:/console/")
                .setCacheControl(CacheControl.noCache());
    }

    /** The console's headers on every path under {@code /console}, its 404s included. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> consoleHeaders(ConsoleSettings settings) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return !(path.equals("/console") || path.startsWith("/console/"));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                String commandOrigin = settings.commandOrigin();
                response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self'; connect-src 'self'"
                        + (commandOrigin.isEmpty() ? "" : " " + commandOrigin)
                        + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'");
                response.setHeader("Referrer-Policy", "no-referrer");
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/console", "/console/*");
        return registration;
    }
}
