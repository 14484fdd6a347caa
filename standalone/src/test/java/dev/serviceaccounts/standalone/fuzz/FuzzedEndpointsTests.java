package dev.serviceaccounts.standalone.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.fuzz.Endpoints.Side;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The fuzz's list of endpoints ({@link Endpoints}) is every endpoint of both apps: each Spring MVC mapping
 * (controllers and actuator endpoints, every {@link RequestMappingInfoHandlerMapping} of each context) and each
 * client endpoint of the token service's filter. A new endpoint fails this test until it is added to the list,
 * and so to the fuzz (docs/decisions.md D46).
 */
class FuzzedEndpointsTests {

    private final TestSystem system = TestSystem.shared();

    @Test
    void whenCommandSideMapsAPathThenTheFuzzSendsToIt() {
        assertThat(mapped(system.apps().commandSide(), Side.COMMAND)).isEqualTo(Endpoints.keys(Side.COMMAND));
    }

    @Test
    void whenQuerySideMapsAPathOrServesAClientEndpointThenTheFuzzSendsToIt() throws Exception {
        Set<String> served = mapped(system.apps().querySide(), Side.QUERY);
        Class<?> clientEndpoint = Class.forName("dev.serviceaccounts.query.token.ClientEndpoint");
        for (Object endpoint : system.apps().querySide().getBeansOfType(clientEndpoint).values()) {
            served.add("QUERY POST " + endpoint.getClass().getMethod("path").invoke(endpoint));
        }
        assertThat(served).isEqualTo(Endpoints.keys(Side.QUERY));
    }

    /** @return {@code SIDE METHOD pattern} of every request mapping of {@code app} ({@code *}: every method) */
    private static Set<String> mapped(ApplicationContext app, Side side) {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : app.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
                if (methods.isEmpty()) {
                    methods.add("*");
                }
                for (String pattern : info.getPatternValues()) {
                    methods.forEach(method -> keys.add(side + " " + method + " " + pattern));
                }
            }
        }
        return keys;
    }
}
