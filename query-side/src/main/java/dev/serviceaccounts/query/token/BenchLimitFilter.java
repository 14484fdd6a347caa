package dev.serviceaccounts.query.token;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For the benchmarks only ({@code bench/run}, docs/design.md §8 "at least half the throughput of a trivial response at
 * the same layer"): answers {@code POST /bench/limit} with a fixed tiny JSON object ({@value #BODY}), 200, from the
 * same servlet filter position as {@link ClientEndpointFilter}, so the token endpoint's throughput can be compared with
 * what the server stack alone allows. It reads nothing from the request and looks at no credentials. Registered only
 * when {@code service-accounts.bench.limit-endpoint=true} (env {@code SA_BENCH_LIMIT_ENDPOINT}); off by default, and
 * then {@code /bench/limit} is an unknown path like any other. Other methods on the path pass through.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
@ConditionalOnProperty(name = "service-accounts.bench.limit-endpoint", havingValue = "true")
public class BenchLimitFilter extends OncePerRequestFilter {

    /** The path answered. */
    public static final String PATH = "/bench/limit";
    /** The answer's body. */
    public static final String BODY = "{\"ok\":true}";
    private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(BODY_BYTES.length);
        response.getOutputStream().write(BODY_BYTES);
    }
}
