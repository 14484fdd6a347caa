package dev.serviceaccounts.query.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.serviceaccounts.query.web.ProblemDetailsAdvice;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.core.context.SecurityContextHolder;
import dev.serviceaccounts.web.security.CallerAuthenticationConverter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A {@link MockMvc} on one controller with the app's problem advice and JSON settings (no Spring context),
 * and the caller's access token as the resource server would set it.
 */
public final class TestMvc {

    private TestMvc() {
    }

    /** @return MockMvc on {@code controller}, resolving {@code @AuthenticationPrincipal Caller} */
    public static MockMvc of(Object controller) {
        MappingJackson2HttpMessageConverter json = new MappingJackson2HttpMessageConverter(
                Jackson2ObjectMapperBuilder.json().serializationInclusion(JsonInclude.Include.NON_NULL)
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
        return MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new ProblemDetailsAdvice())
                .setCustomArgumentResolvers(new AuthenticationPrincipalArgumentResolver())
                .setMessageConverters(json)
                .build();
    }

    /** Makes {@code token} the caller of the next requests (this thread). */
    public static void callAs(Jwt token) {
        SecurityContextHolder.getContext().setAuthentication(
                new CallerAuthenticationConverter(TestProperties.OPERATOR_ID).convert(token));
    }

    /** Forgets the caller. */
    public static void clearCaller() {
        SecurityContextHolder.clearContext();
    }
}
