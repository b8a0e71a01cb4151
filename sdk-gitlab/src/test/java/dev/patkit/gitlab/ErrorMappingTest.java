package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.ServerException;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Leaks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMappingTest extends GitLabTestSupport {

    private static final String PAT = API + "/personal_access_tokens/4242";

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void messageString_404_isNotFound() {
        wm.stubFor(get(urlEqualTo(PAT)).willReturn(json(404, "{\"message\":\"404 Not Found\"}")));

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.tokens().get("4242"));

        assertThat(e).hasMessageContaining("gitlab: 'get personal access token' failed with HTTP 404: 404 Not Found");
        assertThat(e.httpStatus()).isEqualTo(404);
    }

    @Test
    void messageObject_400_isValidationWithOneProblemPerField() {
        wm.stubFor(post(urlEqualTo(API + "/users/17/personal_access_tokens")).willReturn(json(400,
                "{\"message\":{\"expires_at\":[\"must be before 2026-12-30\"],\"name\":[\"is too long\",\"is invalid\"]}}")));

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.tokens().create(
                TokenSpec.of("n", List.of("api"), LocalDate.parse("2026-06-01")).forOwner("17")));

        assertThat(e.problems()).containsExactly("expires_at must be before 2026-12-30", "name is too long", "name is invalid");
        assertThat(e).hasMessageContaining("expires_at must be before 2026-12-30");
        wm.verify(1, postRequestedFor(urlEqualTo(API + "/users/17/personal_access_tokens")));
    }

    @Test
    void insufficientScope_403_isPermissionNamingTheScope() {
        wm.stubFor(get(urlEqualTo(PAT)).willReturn(json(403, "{\"error\":\"insufficient_scope\",\"error_description\":"
                + "\"The request requires higher privileges than provided by the access token.\",\"scope\":\"api read_api\"}")));

        PermissionException e = catchThrowableOfType(PermissionException.class, () -> client.tokens().get("4242"));

        assertThat(e.missingScopes()).containsExactlyInAnyOrder("api", "read_api");
        assertThat(e).hasMessageContaining("insufficient_scope").hasMessageContaining("needs [api, read_api]");
        wm.verify(1, getRequestedFor(urlEqualTo(PAT)));
    }

    @Test
    void invalidToken_401_isAuthentication_andNotRetried() {
        wm.stubFor(get(urlEqualTo(PAT)).willReturn(json(401, "{\"error\":\"invalid_token\",\"error_description\":"
                + "\"Token is expired. You can either do re-authorization or token refresh.\"}")));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.tokens().get("4242"));

        assertThat(e).hasMessageContaining("Token is expired").hasMessageContaining("The token has expired");
        wm.verify(1, getRequestedFor(urlEqualTo(PAT)));
    }

    @Test
    void throttled429_plainTextRetryLater_isRetriedAfterRetryAfter_thenRateLimited() {
        long reset = NOW.plusSeconds(5).getEpochSecond();
        wm.stubFor(get(urlPathEqualTo(API + "/personal_access_tokens")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "text/plain").withBody("Retry later")
                .withHeader("RateLimit-Name", "throttle_authenticated_api").withHeader("RateLimit-Limit", "2000")
                .withHeader("RateLimit-Observed", "2001").withHeader("RateLimit-Remaining", "0")
                .withHeader("RateLimit-Reset", String.valueOf(reset)).withHeader("Retry-After", "7")));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> client.tokens().list(TokenQuery.all()).toList());

        assertThat(e).hasMessageContaining("Retry later");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.resetAt()).contains(Instant.ofEpochSecond(reset));
        wm.verify(3, getRequestedFor(urlPathEqualTo(API + "/personal_access_tokens")));
        // Each retry waits Retry-After (7 s), and the pipeline also waits for the exhausted budget's reset.
        assertThat(sleeps).contains(Duration.ofSeconds(7)).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(6)));
        assertThat(client.rateLimit()).isPresent();
        assertThat(client.rateLimit().get().remaining()).hasValue(0L);
    }

    @Test
    void applicationLimit429_withJsonMessageObject_isRateLimited_andPostIsNotRetried() {
        wm.stubFor(post(urlEqualTo(API + "/users/17/personal_access_tokens")).willReturn(json(429,
                "{\"message\":{\"error\":\"This endpoint has been requested too many times. Try again later.\"}}")));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.tokens().create(
                TokenSpec.of("n", List.of("api"), LocalDate.parse("2026-06-01")).forOwner("17")));

        assertThat(e).hasMessageContaining("requested too many times");
        wm.verify(1, postRequestedFor(urlEqualTo(API + "/users/17/personal_access_tokens")));
    }

    @Test
    void serverError_isRetried_thenServerException() {
        wm.stubFor(get(urlEqualTo(PAT)).willReturn(json(502, "{\"message\":\"502 Bad Gateway\"}")));

        assertThat(catchThrowableOfType(ServerException.class, () -> client.tokens().get("4242"))).isNotNull();
        wm.verify(3, getRequestedFor(urlEqualTo(PAT)));
    }

    @Test
    void errorBodyEchoingTheToken_isRedactedInTheMessage() {
        wm.stubFor(get(urlEqualTo(PAT)).willReturn(json(400, "{\"message\":\"bad token " + canary + "\"}")));

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.tokens().get("4242"));

        assertThat(e).hasMessageContaining("bad token ***");
        Leaks.assertNotIn(e, canary);
    }
}
