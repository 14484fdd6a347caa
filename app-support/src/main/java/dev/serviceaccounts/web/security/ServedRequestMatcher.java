package dev.serviceaccounts.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Matches a request that an endpoint of this app serves: one that a Spring MVC handler mapping (controllers
 * and actuator endpoints alike) finds a handler for, asked through the same mappings the dispatcher uses.
 * Only such a request needs authentication; any other path is unknown and answered 404, with or without a
 * token, never with an authentication challenge. A path without a trailing slash and with one are different
 * paths. The error page is no endpoint either: requested directly, it is an unknown path. When the lookup fails (a wrong method or media type on a real path, or any error), the request
 * counts as served: it is then authenticated first, never let through.
 */
public final class ServedRequestMatcher implements RequestMatcher {

    private final HandlerMappingIntrospector handlerMappings;
    private final RequestMatcher errorPage;

    /**
     * @param handlerMappings Spring MVC's view of the app's handler mappings
     * @param errorPath       the path of the servlet container's error page ({@code /error})
     */
    public ServedRequestMatcher(HandlerMappingIntrospector handlerMappings, String errorPath) {
        this.handlerMappings = handlerMappings;
        this.errorPage = PathPatternRequestMatcher.withDefaults().matcher(errorPath);
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (errorPage.matches(request)) {
            return false;
        }
        try {
            return handlerMappings.getMatchableHandlerMapping(request) != null;
        } catch (Exception e) {
            return true;
        }
    }
}
