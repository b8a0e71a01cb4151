package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.ServerException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each AtomGit error shape, through the one call that can fail with it: {@code GET /user}. */
class ErrorMappingTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()));


    private AtomGitClient client() {
        return forge.patkit().client("atomgit", forge.baseUri(), Token.of(forge.canary()))
                .unwrap(AtomGitClient.class);
    }

    private Throwable inspectFailure(ResponseDefinitionBuilder response) {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(response));
        Throwable t = catchThrowable(() -> client().inspect());
        assertThat(t).isInstanceOf(PatkitException.class);
        Leaks.assertNotIn(t, forge.canary());
        return t;
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void messageShape_401_givesInvalidOnInspectButAuthenticationErrorForGitCredentials() {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(json(401, Fixtures.read(ErrorMappingTest.class, "error-401.json"))));
        AtomGitClient client = client();

        assertThat(client.inspect().status()).isEqualTo(AuthorizationStatus.INVALID);
        Throwable t = catchThrowable(client::gitCredentials);

        assertThat(t).isInstanceOf(AuthenticationException.class).hasMessageContaining("rejected the token")
                .hasMessageContaining("https://atomgit.com/setting/token-classic");
        assertThat(((PatkitException) t).httpStatus()).isEqualTo(401);
        Leaks.assertNotIn(t, forge.canary());
    }

    @Test
    void errorCodeNumberShape_404_givesNotFoundWithMessageAndCode() {
        Throwable t = inspectFailure(json(404, Fixtures.read(ErrorMappingTest.class, "error-code-number.json")));

        assertThat(t).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("atomgit: 'inspect token' failed with HTTP 404: not found (error code 404)");
        assertThat(((PatkitException) t).httpStatus()).isEqualTo(404);
        assertThat(((PatkitException) t).provider()).isEqualTo("atomgit");
    }

    @Test
    void errorCodeStringShape_403_givesPermissionErrorWithCodeAndName() {
        Throwable t = inspectFailure(json(403, Fixtures.read(ErrorMappingTest.class, "error-code-string.json")));

        assertThat(t).isInstanceOf(PermissionException.class)
                .hasMessageContaining("the account is blocked (error code USER_BLOCKED Forbidden)");
    }

    @Test
    void errorMessageOnlyShape_403_givesPermissionError() {
        Throwable t = inspectFailure(json(403, Fixtures.read(ErrorMappingTest.class, "error-missing-permission.json")));

        assertThat(t).isInstanceOf(PermissionException.class).isNotInstanceOf(RateLimitedException.class)
                .hasMessageContaining("HTTP 403: missing permission").hasMessageContaining("scopes");
    }

    @Test
    void errorShape_400_givesValidationError() {
        Throwable t = inspectFailure(json(400, Fixtures.read(ErrorMappingTest.class, "error-error.json")));

        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("HTTP 400: invalid request parameter");
    }

    @Test
    void errorShapeAsObject_takesItsMessage() {
        Throwable t = inspectFailure(json(422, "{\"error\": {\"message\": \"name is taken\", \"field\": \"x\"}}"));

        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("HTTP 422: name is taken");
    }

    @Test
    void messageWinsOverErrorMessage_whenBothAreSent() {
        Throwable t = inspectFailure(json(404, "{\"message\": \"Not Found Project\", \"error_message\": \"other\"}"));

        assertThat(t).hasMessageContaining("HTTP 404: Not Found Project").hasMessageNotContaining("other");
    }

    @Test
    void codeWithoutMessage_isStillReported() {
        Throwable t = inspectFailure(json(404, "{\"error_code\": 40401}"));

        assertThat(t).isInstanceOf(NotFoundException.class).hasMessageContaining("HTTP 404: error code 40401");
    }

    @Test
    void plainTextBody_isUsedAsMessage_andHtmlIsNot() {
        Throwable text = inspectFailure(aResponse().withStatus(502).withBody("upstream timed out"));
        assertThat(text).isInstanceOf(ServerException.class).hasMessageContaining("HTTP 502: upstream timed out");

        forge.wm().resetAll();
        Throwable html = inspectFailure(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        assertThat(html).isInstanceOf(ServerException.class).hasMessageNotContaining("<html>");
    }

    @Test
    void bodyEchoingTheToken_isRedactedInTheMessage() {
        Throwable t = inspectFailure(json(403, "{\"message\": \"token " + forge.canary() + " lacks access\"}"));

        assertThat(t).hasMessageContaining("token *** lacks access");
    }

    @Test
    void brokenJsonErrorBody_stillGivesTheStatusException() {
        Throwable t = inspectFailure(json(404, "{\"message\": \"trunc"));

        assertThat(t).isInstanceOf(NotFoundException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void status429_givesRateLimitedWithRetryAfter() {
        Throwable t = inspectFailure(json(429, "{\"message\": \"Too Many Requests\"}").withHeader("Retry-After", "30"));

        assertThat(t).isInstanceOf(RateLimitedException.class).hasMessageContaining("Too Many Requests");
        assertThat(((RateLimitedException) t).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void status403WithRemainingZero_isRateLimitingNotAPermissionError() {
        long reset = ProviderHarness.NOW.getEpochSecond() + 120;
        Throwable t = inspectFailure(json(403, Fixtures.read(ErrorMappingTest.class, "error-rate-limit.json"))
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Used", "5000").withHeader("X-RateLimit-Reset", Long.toString(reset)));

        assertThat(t).isInstanceOf(RateLimitedException.class).isNotInstanceOf(PermissionException.class)
                .hasMessageContaining("API rate limit exceeded");
        RateLimitedException rl = (RateLimitedException) t;
        assertThat(rl.resetAt()).contains(ProviderHarness.NOW.plusSeconds(120));
        assertThat(rl.retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void status403WithRateLimitMessageButNoHeaders_isRateLimiting() {
        Throwable t = inspectFailure(json(403, Fixtures.read(ErrorMappingTest.class, "error-rate-limit.json")));

        assertThat(t).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) t).retryAfter()).isEmpty();
    }

    @Test
    void status403WithRemainingLeft_isAPermissionError() {
        Throwable t = inspectFailure(json(403, Fixtures.read(ErrorMappingTest.class, "error-missing-permission.json"))
                .withHeader("X-RateLimit-Remaining", "4999"));

        assertThat(t).isInstanceOf(PermissionException.class).isNotInstanceOf(RateLimitedException.class);
    }

    @Test
    void status403RateLimit_isRetriedAfterTheResetByTheIdempotentInspect() {
        Patkit retrying = Patkit.builder().options(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .callTimeout(Duration.ofMinutes(5)).build()).build();
        long reset = ProviderHarness.NOW.getEpochSecond() + 90;
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(403, Fixtures.read(ErrorMappingTest.class, "error-rate-limit.json")).withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset)))
                .willSetStateTo("reset"));
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).inScenario("limited").whenScenarioStateIs("reset")
                .willReturn(json(200, Fixtures.read(ErrorMappingTest.class, "user.json")).withHeader("X-RateLimit-Remaining", "4999")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset + 3600))));
        try (retrying) {
            Authorization a = retrying.client("atomgit", forge.baseUri(), Token.of(forge.canary()))
                    .inspect();

            assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
            assertThat(forge.sleeper().waits()).isNotEmpty();
            assertThat(forge.sleeper().waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(90));
            forge.wm().verify(2, getRequestedFor(urlEqualTo("/api/v5/user")));
        }
    }

    /**
     * atomgit-servicestage.md, A.6 "Error bodies": GitCode documents 418 "Request Rejected, Suspected
     * Unsafe": a refusal by its safety filter, not a bad token.
     */
    @Test
    void status418_isTheSafetyFilter_notABadToken() {
        Throwable t = inspectFailure(json(418, "{\"message\":\"Request Rejected, Suspected Unsafe\"}"));

        assertThat(t).isExactlyInstanceOf(PatkitException.class)
                .hasMessageContaining("Request Rejected, Suspected Unsafe").hasMessageContaining("safety filter")
                .hasMessageContaining("the token was not judged");
        assertThat(((PatkitException) t).httpStatus()).isEqualTo(418);
        forge.wm().verify(1, getRequestedFor(urlEqualTo("/api/v5/user")));
    }
}
