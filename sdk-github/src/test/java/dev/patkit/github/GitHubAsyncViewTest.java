package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.Capability;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.PermissionException;
import dev.patkit.core.Token;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The asynchronous view gives what the blocking client gives, the default token family fails
 * before any request where GitHub has no API, and the factory keeps no state between Patkit
 * instances.
 */
class GitHubAsyncViewTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    private static GitHubClient client(Patkit patkit) {
        return patkit.client("github", forge.baseUri(), Token.of(forge.canary())).unwrap(GitHubClient.class);
    }

    /** The failure of a future, as the blocking call would throw it. */
    private static Throwable failureOf(CompletableFuture<?> future) {
        return catchThrowable(() -> Futures.join(future));
    }

    @Test
    void asyncView_isTheSameClient_andItsSyncIsTheBlockingOne() {
        GitHubClient c = client(forge.patkit());

        assertThat(c.async().sync()).isSameAs(c);
        assertThat(c.async().tokens()).isSameAs(c.tokens().async());
    }

    @Test
    void fetchRateLimits_givesTheSameBudgets_blockingAndAsync() {
        forge.wm().stubFor(get("/rate_limit").willReturn(okJson(Fixtures.read(GitHubAsyncViewTest.class, "rate_limit.json"))));
        GitHubClient c = client(forge.patkit());

        GitHubRateLimits blocking = c.fetchRateLimits();
        GitHubRateLimits async = c.async().fetchRateLimits().join();

        assertThat(async).isEqualTo(blocking);
        assertThat(async.core()).isPresent();
        forge.wm().verify(exactly(2), getRequestedFor(urlEqualTo("/rate_limit")));
    }

    @Test
    void revokeCredentials_givesTheSameReport_andTheSameRefusal_blockingAndAsync() {
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));
        GitHubClient c = client(forge.patkit());
        Token t = Token.of(forge.canary());

        RevocationReport blocking = c.revokeCredentials(List.of(t));
        RevocationReport async = c.async().revokeCredentials(List.of(t)).join();
        assertThat(async).isEqualTo(blocking);
        assertThat(async.allAccepted()).isTrue();
        forge.wm().verify(exactly(2), postRequestedFor(urlEqualTo("/credentials/revoke"))
                .withRequestBody(equalToJson("{\"credentials\":[\"" + forge.canary() + "\"]}")));

        forge.wm().resetRequests();
        Throwable thrown = catchThrowable(() -> c.revokeCredentials(List.of()));
        CompletableFuture<RevocationReport> refused = c.async().revokeCredentials(List.of());
        assertThat(refused).isCompletedExceptionally();
        Throwable failed = failureOf(refused);
        assertThat(thrown).isInstanceOf(ValidationException.class);
        assertThat(failed).isInstanceOf(ValidationException.class).hasMessage(thrown.getMessage());
        forge.wm().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void grantsAndReviews_sendTheSameRequests_andFailAlike_blockingAndAsync() {
        forge.wm().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
        GitHubClient c = client(forge.patkit());

        c.reviewRequests("acme", List.of(1L, 2L), ReviewDecision.APPROVE, "fine");
        c.async().reviewRequests("acme", List.of(1L, 2L), ReviewDecision.APPROVE, "fine").join();
        forge.wm().verify(exactly(2), postRequestedFor(urlEqualTo("/orgs/acme/personal-access-token-requests"))
                .withRequestBody(equalToJson("{\"pat_request_ids\":[1,2],\"action\":\"approve\",\"reason\":\"fine\"}")));
        c.reviewRequest("acme", 3, ReviewDecision.DENY);
        c.async().reviewRequest("acme", 3, ReviewDecision.DENY).join();
        forge.wm().verify(exactly(2), postRequestedFor(urlEqualTo("/orgs/acme/personal-access-token-requests/3"))
                .withRequestBody(equalToJson("{\"action\":\"deny\"}")));
        // Mutating calls of one token stay one second apart, whichever view sends them.
        assertThat(forge.sleeper().waits()).containsOnly(Duration.ofSeconds(1));

        forge.wm().stubFor(post("/orgs/acme/personal-access-tokens/9").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Resource not accessible by personal access token\"}")));
        Throwable thrown = catchThrowable(() -> c.revokeGrant("acme", 9));
        Throwable failed = failureOf(c.async().revokeGrant("acme", 9));
        assertThat(thrown).isInstanceOf(PermissionException.class);
        assertThat(failed).isInstanceOf(PermissionException.class).hasMessage(thrown.getMessage());

        CompletableFuture<Void> tooMany = c.async().revokeGrants("acme", List.of());
        assertThat(failureOf(tooMany)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> c.revokeGrants("acme", List.of())).isInstanceOf(ValidationException.class);
    }

    @Test
    void unsupportedFamilyOperations_failBeforeAnyRequest_withTheWebLink_inBothViews() {
        GitHubClient c = client(forge.patkit());
        URI newToken = URI.create(forge.wm().baseUrl() + "/settings/tokens/new");

        Throwable blocking = catchThrowable(() -> c.tokens().rotate("1"));
        CompletableFuture<?> async = c.async().tokens().rotate("1");
        Throwable asyncCreate = failureOf(c.async().tokens().create(TokenSpec.of("ci", List.of("repo"))));

        assertThat(blocking).isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                e -> assertThat(e.link()).contains(newToken));
        assertThat(async).isCompletedExceptionally();
        assertThat(failureOf(async)).isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
            assertThat(e.capability()).isEqualTo(Capability.ROTATE);
            assertThat(e.link()).contains(newToken);
        });
        assertThat(asyncCreate).isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                e -> assertThat(e.link()).contains(URI.create(newToken + "?scopes=repo&description=ci")));
        assertThat(c.tokens().capabilities()).containsExactly(Capability.REVOKE);
        forge.wm().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void theFactoryKeepsNoState_aLockoutLearnedInOnePatkit_doesNotPaceAnother() {
        forge.wm().stubFor(get("/user").willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Maximum number of login attempts exceeded. Please try again later.\"}")));
        GitHubClientFactory factory = new GitHubClientFactory();
        PatkitOptions options = PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).build();
        try (Patkit first = Patkit.builder().options(options).register(factory).build();
                Patkit second = Patkit.builder().options(options).register(factory).build()) {
            lockoutInFirst_doesNotPaceSecond(first, second);
        }
    }

    private static void lockoutInFirst_doesNotPaceSecond(Patkit first, Patkit second) {
        assertThatThrownBy(() -> client(first).inspect()).isInstanceOf(GitHubLoginLockoutException.class);
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubAsyncViewTest.class, "user.json"))));

        client(second).inspect();
        client(second).inspect();
        assertThat(forge.sleeper().waits()).isEmpty();

        client(first).inspect();
        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(60));
        forge.wm().verify(exactly(4), getRequestedFor(urlEqualTo("/user")));
    }
}
