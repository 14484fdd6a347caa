package dev.serviceaccounts.web.json;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code Content-Type} that is a media range ({@code *}{@code /*}, {@code application/*}) names no type, so the
 * request is passed on as one without a {@code Content-Type} (RFC 9110 §8.3: the header holds a media type, not a
 * range). Spring's {@code ServletServerHttpRequest} fails on such a header with an {@code IllegalArgumentException}
 * wherever a body is read, a 500 (docs/decisions.md D46); without it, a body-reading endpoint answers 415 and the
 * others ignore it as before. A filter of every servlet app ({@link StrictJsonAutoConfiguration}).
 */
public class MediaRangeContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(isRange(request.getContentType()) ? new WithoutContentType(request) : request, response);
    }

    private static boolean isRange(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            return !MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The request without its {@code Content-Type} header. */
    private static final class WithoutContentType extends HttpServletRequestWrapper {

        WithoutContentType(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)).toList());
        }
    }
}
