package dev.serviceaccounts.query.token;

/**
 * A token request after parsing (RFC 6749 §4.4.2) and client-authentication extraction (§2.3.1).
 *
 * @param grantType    the {@code grant_type}; never null (its absence is {@code invalid_request})
 * @param clientId     null when the request carries no client authentication
 * @param clientSecret null when the request carries no client authentication
 * @param scope        null when absent
 */
public record TokenRequest(String grantType, String clientId, String clientSecret, String scope) {

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + "]";
    }
}
