package dev.serviceaccounts.web.problem;

import dev.serviceaccounts.api.error.ErrorCode;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * RFC 9457 problem bodies in the project's vocabulary: {@code type} from the {@link ErrorCode}, {@code title}
 * from the status, {@code detail}, and {@code code}. Also turns the framework's own problems (unknown path,
 * wrong media type, ...) into that vocabulary, so that every error of either app has the same shape.
 */
public final class Problems {

    /** The detail of every 404 for a path that no endpoint serves (or that the caller may not know of). */
    public static final String NO_SUCH_RESOURCE = "No resource at this path; see the API reference for the paths";

    /**
     * RFC 6750 §3.1 challenge of a 401 for a token that verified but no longer counts (its account was reset,
     * deactivated or deleted since it was issued).
     */
    public static final String INVALID_TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", error_description=\"The access token no longer counts\"";

    /** The detail of a request refused before any endpoint read it (the container, Spring Security's firewall). */
    public static final String REJECTED_REQUEST = "The request was rejected before it reached an endpoint: check the "
            + "path (no empty, encoded or dot segments), the method, the headers and the body";

    private Problems() {
    }

    /**
     * @return {@code problem} as the answer: its status, {@code Content-Type: application/problem+json} set here, so that
     *         content negotiation (an {@code Accept} that cannot be parsed or names no JSON type) cannot drop the body
     */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** @return a problem with the code's type, the status's title, {@code detail} and {@code code} */
    public static ProblemDetail of(ErrorCode code, HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return inVocabulary(problem, code);
    }

    /**
     * Gives a problem that the framework made for {@code failure} the project's type, title and code, and a
     * detail that says what to do where the framework's wording does not (never "No static resource").
     *
     * @return {@code problem}, changed
     */
    public static ProblemDetail adopt(ProblemDetail problem, Exception failure) {
        if (failure instanceof NoHandlerFoundException || failure instanceof NoResourceFoundException) {
            problem.setDetail(NO_SUCH_RESOURCE);
        } else if (failure instanceof HttpMediaTypeNotSupportedException unsupported) {
            problem.setDetail("Send the body with Content-Type: "
                    + preferJson(unsupported.getSupportedMediaTypes()));
        } else if (failure instanceof HttpRequestMethodNotSupportedException method) {
            problem.setDetail("This path does not take " + method.getMethod() + (method.getSupportedHttpMethods() == null
                    ? "" : "; it takes " + method.getSupportedHttpMethods().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", ")) + " (the Allow header)"));
        } else if (failure instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
            problem.setDetail("This endpoint answers " + preferJson(notAcceptable.getSupportedMediaTypes())
                    + "; send an Accept header that includes it (or none)");
        }
        ErrorCode code = problem.getStatus() == HttpStatus.BAD_REQUEST.value()
                ? ErrorCode.INVALID_FIELD : ErrorCode.forHttpStatus(problem.getStatus());
        return inVocabulary(problem, code);
    }

    private static ProblemDetail inVocabulary(ProblemDetail problem, ErrorCode code) {
        problem.setType(URI.create(code.problemType()));
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        problem.setTitle(status == null ? code.name() : status.getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    private static String preferJson(List<MediaType> supported) {
        if (supported.isEmpty() || supported.stream().anyMatch(MediaType.APPLICATION_JSON::equalsTypeAndSubtype)) {
            return MediaType.APPLICATION_JSON_VALUE;
        }
        return supported.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    }
}
