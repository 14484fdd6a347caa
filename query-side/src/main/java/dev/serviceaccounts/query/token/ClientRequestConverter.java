package dev.serviceaccounts.query.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Turns a request to the token, introspection or revocation endpoint into a {@link ClientRequest} (Spring
 * Security's {@link AuthenticationConverter}: one way to read client credentials for all three), or throws
 * {@code invalid_request} (RFC 6749 §5.2) as an {@link OAuth2AuthenticationException} when it is malformed. Reads parameters from an {@code application/x-www-form-urlencoded} body (§4.4.2)
 * or, as Procore's examples send, a JSON object body of strings; never from the URL (§3.2). Client
 * authentication is {@code client_secret_basic} (§2.3.1: base64-decode, split at the first {@code :},
 * then form-decode each part) or {@code client_secret_post}, never both (§2.3).
 */
@Component
public class ClientRequestConverter implements AuthenticationConverter {

    private static final int MAX_JSON_BODY_BYTES = 8 * 1024;
    private static final Pattern SHOWABLE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    /** Set by Tomcat on a request whose form parameters it could not all decode (its {@code Globals}). */
    private static final String PARAMETER_PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private final ObjectMapper json;

    public ClientRequestConverter(ObjectMapper objectMapper) {
        this.json = objectMapper.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * @return the request, its client not yet authenticated; never null
     * @throws OAuth2AuthenticationException {@code invalid_request} for a repeated parameter, a malformed body or
     *                                       Basic header, or two authentication methods
     */
    @Override
    public ClientRequest convert(HttpServletRequest request) {
        if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw invalid("Parameters must be sent in the request body, not in the URL");
        }
        Map<String, String> parameters = parameters(request);
        String clientId = parameters.get("client_id");
        String clientSecret = parameters.get("client_secret");
        String[] basic = basicCredentials(request);
        if (basic != null) {
            if (clientSecret != null || (clientId != null && !clientId.equals(basic[0]))) {
                throw invalid("Use one client authentication method: the Authorization header or the body, not both");
            }
            clientId = basic[0];
            clientSecret = basic[1];
        }
        return new ClientRequest(clientId, clientSecret, parameters);
    }

    private Map<String, String> parameters(HttpServletRequest request) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String[]> form = request.getParameterMap();
            if (request.getAttribute(PARAMETER_PARSE_FAILED) != null) {
                // Tomcat drops a parameter it cannot decode (scope=%zz): going on would silently widen the request
                throw invalid("The form body is malformed (a parameter that is not valid percent-encoded UTF-8, "
                        + "too many parameters, or too large)");
            }
            Map<String, String> single = new HashMap<>();
            for (Map.Entry<String, String[]> entry : form.entrySet()) {
                if (entry.getValue().length != 1) {
                    throw invalid("Parameter repeated: " + shown(entry.getKey()));
                }
                single.put(entry.getKey(), entry.getValue()[0]);
            }
            return single;
        }
        if (contentType.startsWith("application/json")) {
            return jsonParameters(request);
        }
        throw invalid("Content-Type must be application/x-www-form-urlencoded or application/json");
    }

    private Map<String, String> jsonParameters(HttpServletRequest request) {
        try {
            byte[] body = request.getInputStream().readNBytes(MAX_JSON_BODY_BYTES + 1);
            if (body.length > MAX_JSON_BODY_BYTES) {
                throw invalid("Request body too large");
            }
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("The JSON body must be an object of string parameters");
            }
            Map<String, String> parameters = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isTextual()) {
                    throw invalid("Parameter must be a string: " + shown(field.getKey()));
                }
                parameters.put(field.getKey(), field.getValue().textValue());
            }
            return parameters;
        } catch (JsonProcessingException e) {
            throw invalid("The JSON body is malformed or repeats a parameter");
        } catch (IOException e) {
            throw invalid("The request body could not be read");
        }
    }

    /** @return {client_id, client_secret} from a Basic header, or null when there is none */
    private static String[] basicCredentials(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        if (headers.isEmpty()) {
            return null;
        }
        if (headers.size() > 1) {
            throw invalid("Authorization header repeated");
        }
        String header = headers.get(0).trim();
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw invalid("Client authentication must use the Basic scheme");
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw invalid("Malformed Basic credentials");
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw invalid("Malformed Basic credentials");
        }
    }

    /**
     * @return the parameter's name as an {@code error_description} may hold it (RFC 6749 §5.2: printable ASCII without
     *         {@code "} and {@code \}), at most 64 characters; else a stand-in, so that no input outside that set is
     *         echoed (docs/decisions.md D46)
     */
    static String shown(String name) {
        return SHOWABLE.matcher(name).matches() ? name : "(a name with characters an error may not repeat)";
    }

    /** @return an {@code invalid_request} error (RFC 6749 §5.2) with this description */
    static OAuth2AuthenticationException invalid(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }
}
