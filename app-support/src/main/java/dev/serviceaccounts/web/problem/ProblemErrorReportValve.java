package dev.serviceaccounts.web.problem;

import dev.serviceaccounts.api.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Set;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report (for a request it refuses before any servlet filter sees it, such as an encoded
 * slash or a NUL in the path) as problem+json with the code of its status, instead of Tomcat's HTML page.
 * On the paths of an OAuth client endpoint (given to the {@link Installer}: the token, introspection and
 * revocation endpoints) it is RFC 6749 §5.2 JSON instead, {@code invalid_request} with {@code Cache-Control:
 * no-store}, the format an OAuth client reads there (docs/decisions.md D46).
 * Errors that reach the application are answered by {@link ProblemErrorController}; this valve writes only
 * when nothing else has.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final String OAUTH_ERROR = "{\"error\":\"invalid_request\",\"error_description\":\"The request was "
            + "refused before it reached the endpoint: check the request line, the headers and the body's framing\"}";

    private final Set<String> oauthPaths;

    /** A valve that answers problem+json on every path. */
    public ProblemErrorReportValve() {
        this(Set.of());
    }

    /** @param oauthPaths the paths (exact, as in the request line) answered in RFC 6749 §5.2 JSON */
    public ProblemErrorReportValve(Set<String> oauthPaths) {
        this.oauthPaths = Set.copyOf(oauthPaths);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (oauthPaths.contains(request.getRequestURI())) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
            write(response, MediaType.APPLICATION_JSON_VALUE, OAUTH_ERROR);
            return;
        }
        ErrorCode code = ErrorCode.forHttpStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String body = "{\"type\":\"" + code.problemType() + "\",\"title\":\""
                + (known == null ? code.name() : known.getReasonPhrase()) + "\",\"status\":" + status
                + ",\"detail\":\"The request was refused before it reached an endpoint: check the path (no encoded "
                + "slash, backslash or control character) and the headers\",\"code\":\"" + code.name() + "\"}";
        write(response, MediaType.APPLICATION_PROBLEM_JSON_VALUE, body);
    }

    private static void write(Response response, String contentType, String body) {
        try {
            response.setContentType(contentType);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already taken: nothing more to say
        }
    }

    /**
     * Makes this valve the error report of the embedded Tomcat's host (a bean of {@link ProblemAutoConfiguration}, or
     * of an app that names OAuth client endpoint paths): the host finds it in its pipeline and adds no other.
     */
    public static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        private final Set<String> oauthPaths;

        /** An installer of a valve that answers problem+json on every path. */
        public Installer() {
            this(Set.of());
        }

        /** @param oauthPaths the paths of OAuth client endpoints, answered in RFC 6749 §5.2 JSON */
        public Installer(Set<String> oauthPaths) {
            this.oauthPaths = Set.copyOf(oauthPaths);
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                if (host instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
                        host.getPipeline().addValve(new ProblemErrorReportValve(oauthPaths));
                    }
                }
            });
        }
    }
}
