package dev.serviceaccounts.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.api.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An error status that a handler set without writing a body (the actuator's 404 for a health group or metric it does
 * not have) gets the problem+json of its status, like every other error of the app (docs/decisions.md D46): the
 * response is held back from committing while it is an error with nothing written, and the problem is written once
 * the chain returns. Errors sent with {@code sendError} (answered by the error page), asynchronous answers and
 * {@code HEAD} are left alone. A filter of every servlet app ({@link ProblemAutoConfiguration}).
 */
public class EmptyErrorBodyFilter extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    /** @param objectMapper the app's JSON mapper, which writes the problem */
    public EmptyErrorBodyFilter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Tracking tracking = new Tracking(response);
        chain.doFilter(request, tracking);
        if (request.isAsyncStarted() || tracking.errorSent || tracking.written || response.isCommitted()
                || response.getStatus() < 400) {
            return;
        }
        HttpStatusCode status = HttpStatusCode.valueOf(response.getStatus());
        ErrorCode code = ErrorCode.forHttpStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), Problems.of(code, status,
                code == ErrorCode.NOT_FOUND ? Problems.NO_SUCH_RESOURCE : "The request could not be answered"));
    }

    /** Notes whether anything was written or an error sent, and holds back commits of an error with no body yet. */
    private static final class Tracking extends HttpServletResponseWrapper {

        private boolean written;
        private boolean errorSent;

        Tracking(HttpServletResponse response) {
            super(response);
        }

        private boolean holding() {
            return !written && getStatus() >= 400;
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!holding()) {
                super.flushBuffer();
            }
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            written = true;
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream out = super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    written = true;
                    out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    written |= length > 0;
                    out.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    if (!holding()) {
                        out.flush();
                    }
                }

                @Override
                public void close() throws IOException {
                    if (!holding()) {
                        out.close();
                    }
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }
    }
}
