package dev.serviceaccounts.command.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts the command API's answers per command and outcome (docs/decisions.md D45): counter {@value #COMMANDS},
 * tagged {@code command}, the endpoint's name made of its controller and method ({@code serviceAccount.create},
 * {@code serviceAccount.reset}, {@code permission.grant}, {@code directory.changeEmail}, {@code company.create},
 * ...), and {@code outcome}, the status class answered: {@code 2xx}, {@code 4xx} (a rule refused it, bad input,
 * no access) or {@code 5xx}. A request refused before any endpoint (no or a bad token: 401) is not a command and
 * is not counted; Spring Boot's {@code http.server.requests} times every request by path and status. The counters
 * of an endpoint are made on its first answer and kept.
 */
@Component
public class CommandMeters implements WebMvcConfigurer, HandlerInterceptor {

    /** Counter of the answered commands, tagged {@code command} and {@code outcome}. */
    public static final String COMMANDS = "sa.command.requests";

    private final MeterRegistry meters;
    private final Map<Method, Outcomes> byEndpoint = new ConcurrentHashMap<>();

    public CommandMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (handler instanceof HandlerMethod endpoint) {
            byEndpoint.computeIfAbsent(endpoint.getMethod(), method -> new Outcomes(meters, name(endpoint)))
                    .count(ex != null ? 500 : response.getStatus());
        }
    }

    /** @return e.g. {@code serviceAccount.create} for {@code ServiceAccountController.create} */
    static String name(HandlerMethod endpoint) {
        String controller = endpoint.getBeanType().getSimpleName().replaceFirst("Controller$", "");
        return Character.toLowerCase(controller.charAt(0)) + controller.substring(1) + "." + endpoint.getMethod().getName();
    }

    private record Outcomes(Counter success, Counter clientError, Counter serverError) {

        Outcomes(MeterRegistry meters, String command) {
            this(counter(meters, command, "2xx"), counter(meters, command, "4xx"), counter(meters, command, "5xx"));
        }

        void count(int status) {
            (status >= 500 ? serverError : status >= 400 ? clientError : success).increment();
        }

        private static Counter counter(MeterRegistry meters, String command, String outcome) {
            return Counter.builder(COMMANDS).description("Commands answered, by command and status class")
                    .tags("command", command, "outcome", outcome).register(meters);
        }
    }
}
