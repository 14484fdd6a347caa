package dev.serviceaccounts.api;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for the issuer identifier, used by both sides when they read their settings, so that the
 * tokens' {@code iss} (RFC 9068 §2.2), the RFC 8414 §2 metadata {@code issuer} and the resource servers'
 * issuer check are the same string: an absolute {@code http} or {@code https} URL with a host and no user
 * information, query or fragment (RFC 8414 §2), written without a trailing slash.
 */
public final class IssuerIdentifier {

    private IssuerIdentifier() {
    }

    /**
     * Normalises an issuer URL: lower-case scheme, trailing slashes of the path removed
     * ({@code http://localhost:8080/} becomes {@code http://localhost:8080}).
     *
     * @param issuer the configured value
     * @param what   how the setting is named in error messages
     * @return the normalised URL
     * @throws IllegalArgumentException when it is missing, relative, not http(s), without a host, or has
     *                                  user information, a query or a fragment
     */
    public static URI normalise(URI issuer, String what) {
        if (issuer == null) {
            throw new IllegalArgumentException(what + " is required: an absolute http(s) URL such as https://accounts.example.com");
        }
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(what, issuer, "an absolute http or https URL");
        }
        if (issuer.getHost() == null || issuer.getRawUserInfo() != null) {
            throw invalid(what, issuer, "a URL with a host name and no user information");
        }
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw invalid(what, issuer, "a URL without query or fragment (RFC 8414 §2)");
        }
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + issuer.getRawAuthority() + path);
    }

    private static IllegalArgumentException invalid(String what, URI issuer, String expected) {
        return new IllegalArgumentException(what + " must be " + expected + ", without a trailing slash; got '"
                + issuer + "'");
    }
}
