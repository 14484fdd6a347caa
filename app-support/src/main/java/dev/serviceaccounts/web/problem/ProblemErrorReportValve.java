package dev.serviceaccounts.web.problem;

import dev.serviceaccounts.api.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
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
 * Errors that reach the application are answered by {@link ProblemErrorController}; this valve writes only
 * when nothing else has.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ErrorCode.forHttpStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String body = "{\"type\":\"" + code.problemType() + "\",\"title\":\""
                + (known == null ? code.name() : known.getReasonPhrase()) + "\",\"status\":" + status
                + ",\"detail\":\"The request was refused before it reached an endpoint: check the path (no encoded "
                + "slash, backslash or control character) and the headers\",\"code\":\"" + code.name() + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already taken: nothing more to say
        }
    }

    /** Makes this valve the error report of the embedded Tomcat's host (a bean of {@link ProblemAutoConfiguration}). */
    public static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                if (host instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
