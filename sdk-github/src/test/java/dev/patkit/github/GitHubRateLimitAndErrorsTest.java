package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.ServerException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubRateLimitAndErrorsTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    /** This test's own Patkit, when it needs other options than the harness's; closed after the test. */
    private Patkit patkit;

    private GitHubClient client() {
        return (patkit != null ? patkit : forge.patkit()).client("github", forge.baseUri(), Token.of(forge.canary())).unwrap(GitHubClient.class);
    }

    private static PatkitOptions.Builder options() {
        return PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper());
    }

    @AfterEach
    void closeOwnPatkit() {
        if (patkit != null) {
            patkit.close();
        }
    }

    private static ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\""
                        + status + "\"}");
    }

    private void stubOnceThenOk(int status, ResponseDefinitionBuilder limited) {
        forge.wm().stubFor(get("/rate_limit").inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(limited).willSetStateTo("after"));
        forge.wm().stubFor(get("/rate_limit").inScenario("limit").whenScenarioStateIs("after")
                .willReturn(okJson(Fixtures.read(GitHubRateLimitAndErrorsTest.class, "rate_limit.json"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 429})
    void primaryLimit_waitsUntilTheResetPlusOneSecond_thenRetries(int status) {
        long reset = ProviderHarness.NOW.plusSeconds(30).getEpochSecond();
        stubOnceThenOk(status, error(status, "API rate limit exceeded for user ID 1.")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000").withHeader("x-ratelimit-reset", Long.toString(reset))
                .withHeader("x-ratelimit-resource", "core"));

        GitHubRateLimits limits = client().fetchRateLimits();

        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(31));
        forge.wm().verify(exactly(2), getRequestedFor(urlEqualTo("/rate_limit")));
        assertThat(limits.core().flatMap(RateLimitSnapshot::resetAt)).contains(Instant.ofEpochSecond(1691591363));
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 429})
    void secondaryLimit_withoutRetryAfter_waitsAtLeastAMinute(int status) {
        // The default call deadline (60 s) is too short for this wait; give the call five minutes.
        patkit = Patkit.builder().options(options().callTimeout(Duration.ofMinutes(5)).build()).build();
        stubOnceThenOk(status, error(status, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
                .withHeader("x-ratelimit-remaining", "4990").withHeader("x-ratelimit-limit", "5000"));

        client().fetchRateLimits();

        assertThat(forge.sleeper().waits()).hasSize(1);
        assertThat(forge.sleeper().waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        forge.wm().verify(exactly(2), getRequestedFor(urlEqualTo("/rate_limit")));
    }

    @Test
    void secondaryLimit_withTheDefaultDeadline_failsFastWithTheMinuteToWait() {
        forge.wm().stubFor(get("/rate_limit").willReturn(error(403, "You have exceeded a secondary rate limit.")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)))
                .hasMessageContaining("secondary rate limit");
        assertThat(forge.sleeper().waits()).isEmpty();
        forge.wm().verify(exactly(1), getRequestedFor(urlEqualTo("/rate_limit")));
    }

    @Test
    void secondaryLimit_withRetryAfter_waitsThatLong() {
        stubOnceThenOk(403, error(403, "You have exceeded a secondary rate limit.").withHeader("Retry-After", "7"));

        client().fetchRateLimits();

        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aWaitPastTheDeadline_failsAtOnce_withTheResetTime() {
        Instant reset = ProviderHarness.NOW.plusSeconds(3600);
        forge.wm().stubFor(get("/rate_limit").willReturn(error(403, "API rate limit exceeded")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))));
        patkit = Patkit.builder().options(options().callTimeout(Duration.ofSeconds(20)).build()).build();

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.resetAt()).contains(reset);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3601));
                    assertThat(e.getMessage()).contains(reset.toString());
                    Leaks.assertNotIn(e, forge.canary());
                });
        assertThat(forge.sleeper().waits()).isEmpty();
        forge.wm().verify(exactly(1), getRequestedFor(urlEqualTo("/rate_limit")));

        // The budget is now known to be spent: the next call is not even sent.
        assertThatThrownBy(() -> client().fetchRateLimits()).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void rateLimit_snapshotComesFromTheLastResponseHeaders() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubRateLimitAndErrorsTest.class, "user.json"))
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4321")
                .withHeader("x-ratelimit-reset", "1735693200").withHeader("x-ratelimit-resource", "core")));
        GitHubClient c = client();

        c.inspect();

        RateLimitSnapshot s = c.rateLimit().orElseThrow();
        assertThat(s.remaining().getAsLong()).isEqualTo(4321);
        assertThat(s.limit().getAsLong()).isEqualTo(5000);
        assertThat(s.resetAt()).contains(Instant.ofEpochSecond(1735693200));
        assertThat(s.resource()).contains("core");
    }

    @Test
    void fetchRateLimits_parsesEveryResource() {
        forge.wm().stubFor(get("/rate_limit").willReturn(okJson(Fixtures.read(GitHubRateLimitAndErrorsTest.class, "rate_limit.json"))));

        GitHubRateLimits limits = client().fetchRateLimits();

        assertThat(limits.resources()).containsOnlyKeys("core", "search", "graphql", "integration_manifest");
        RateLimitSnapshot search = limits.resource("search").orElseThrow();
        assertThat(search.limit().getAsLong()).isEqualTo(30);
        assertThat(search.remaining().getAsLong()).isEqualTo(18);
        assertThat(search.resetAt()).contains(Instant.ofEpochSecond(1691591091));
        assertThat(limits.observedAt()).isEqualTo(ProviderHarness.NOW);
    }

    @Test
    void forbidden_withAcceptedScopes_namesTheMissingScopes_andIsNotRetried() {
        forge.wm().stubFor(get("/rate_limit").willReturn(error(403, "Must have admin rights to Repository.")
                .withHeader("X-OAuth-Scopes", "gist, read:org").withHeader("X-Accepted-OAuth-Scopes", "repo, public_repo")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOfSatisfying(PermissionException.class, e -> {
                    assertThat(e.missingScopes()).containsExactlyInAnyOrder("repo", "public_repo");
                    assertThat(e.requiredPermissions()).isEmpty();
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("Must have admin rights").contains("repo");
                });
        forge.wm().verify(exactly(1), getRequestedFor(urlEqualTo("/rate_limit")));
    }

    @Test
    void forbidden_forAFineGrainedToken_namesTheAcceptedPermissionSets() {
        forge.wm().stubFor(get("/rate_limit").willReturn(error(403, "Resource not accessible by personal access token")
                .withHeader("X-Accepted-GitHub-Permissions", "pull_requests=read,contents=read; issues=read,contents=read")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOfSatisfying(PermissionException.class, e -> {
                    assertThat(e.requiredPermissions())
                            .containsExactly("pull_requests=read,contents=read", "issues=read,contents=read");
                    assertThat(e.missingScopes()).isEmpty();
                    assertThat(e.getMessage()).contains("Resource not accessible by personal access token");
                });
    }

    @Test
    void forbidden_bySso_givesTheAuthorizationLink() {
        forge.wm().stubFor(get("/rate_limit").willReturn(error(403, "Resource protected by organization SAML enforcement.")
                .withHeader("X-GitHub-SSO", "required; url=https://github.com/orgs/acme/sso?authorization_request=ABC123")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOf(PermissionException.class)
                .hasMessageContaining("single sign-on")
                .hasMessageContaining("https://github.com/orgs/acme/sso?authorization_request=ABC123");
    }

    @Test
    void notFound_explainsThatGitHubHidesPrivateResources() {
        forge.wm().stubFor(get("/rate_limit").willReturn(error(404, "Not Found")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Not Found")
                .hasMessageContaining("404 for private resources the token cannot see");
    }

    @Test
    void validationErrors_listEveryProblem() {
        forge.wm().stubFor(get("/rate_limit").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read(GitHubRateLimitAndErrorsTest.class, "error-422.json"))));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.problems()).containsExactly("Issue.title: missing_field",
                            "Label.name: custom (name is too long)");
                    assertThat(e.getMessage()).contains("Validation Failed");
                });
    }

    @Test
    void serverErrors_areRetried_andABodyEchoingTheTokenIsRedacted() {
        forge.wm().stubFor(get("/rate_limit").willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"bad gateway for " + forge.canary() + "\"}")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .isInstanceOf(ServerException.class)
                .satisfies(e -> Leaks.assertNotIn(e, forge.canary()));
        forge.wm().verify(exactly(3), getRequestedFor(urlEqualTo("/rate_limit")));
        assertThat(LogCapture.all()).as("the pipeline logs through slf4j, so the leak check has teeth").isNotEmpty();
    }

    @Test
    void retiredApiVersion_saysToChooseANewerOne() {
        forge.wm().stubFor(get("/rate_limit").willReturn(error(410, "Gone")));

        assertThatThrownBy(() -> client().fetchRateLimits())
                .hasMessageContaining("X-GitHub-Api-Version");
    }

    @Test
    void nonJsonErrorBody_stillMapsByStatus() {
        forge.wm().stubFor(get("/rate_limit").willReturn(aResponse().withStatus(404).withBody("<html>nope</html>")));

        assertThatThrownBy(() -> client().fetchRateLimits()).isInstanceOf(NotFoundException.class);
        assertThat(URI.create(forge.wm().baseUrl())).isNotNull();
    }
}
