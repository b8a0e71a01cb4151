package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AtomGit's rate limit is per user across all of that user's tokens: two clients holding two
 * tokens of one user share one budget inside one {@link Patkit}. The newest report wins, so the
 * stubs are ordered as a real server would answer: token b's "10 left" comes before token a's
 * "0 left".
 */
class SharedBudgetTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()));

    private static final String USER_X = "6601148c5079ba0d1c00fc0e";
    private static final long RESET = ProviderHarness.NOW.getEpochSecond() + 60;

    private final String tokenA = Canary.opaque();
    private final String tokenB = Canary.opaque();
    private final String tokenC = Canary.opaque();

    private URI base() {
        return forge.baseUri();
    }

    /** Token a (user X) finds the budget spent; token b (user X) and c (user Y) still see some left. */
    private void stubUsers() {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).withHeader("Authorization", equalTo("Bearer " + tokenA))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read(SharedBudgetTest.class, "user.json"))
                        .withHeader("X-RateLimit-Limit", "50").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(RESET))));
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).withHeader("Authorization", equalTo("Bearer " + tokenB))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read(SharedBudgetTest.class, "user.json"))
                        .withHeader("X-RateLimit-Limit", "50").withHeader("X-RateLimit-Remaining", "10")
                        .withHeader("X-RateLimit-Reset", Long.toString(RESET))));
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).withHeader("Authorization", equalTo("Bearer " + tokenC))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read(SharedBudgetTest.class, "user-extra-fields.json"))
                        .withHeader("X-RateLimit-Limit", "50").withHeader("X-RateLimit-Remaining", "10")
                        .withHeader("X-RateLimit-Reset", Long.toString(RESET))));
    }

    private int requestsWith(String token) {
        return forge.wm().findAll(getRequestedFor(urlEqualTo("/api/v5/user"))
                .withHeader("Authorization", equalTo("Bearer " + token))).size();
    }

    private Patkit patkit(PatkitOptions.Builder options) {
        return Patkit.builder().options(options.build()).build();
    }

    @Test
    void secondClient_waitsForReset_whenAnotherClientOfSameUserExhaustsBudgetAfterIt() {
        stubUsers();
        try (Patkit patkit = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofMinutes(5)))) {
            AtomGitClient b = patkit.client("atomgit", base(), Token.of(tokenB)).unwrap(AtomGitClient.class);
            AtomGitClient a = patkit.client("atomgit", base(), Token.of(tokenA)).unwrap(AtomGitClient.class);
            b.inspect();
            a.inspect();

            assertThat(b.rateLimit().orElseThrow().remaining().getAsLong()).isZero();
            assertThat(b.inspect().status()).isEqualTo(AuthorizationStatus.ACTIVE);

            assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(61));
            assertThat(requestsWith(tokenB)).isEqualTo(2);
        }
    }

    @Test
    void secondClient_failsFast_whenTheWaitPassesItsDeadline() {
        stubUsers();
        try (Patkit patkit = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)))) {
            AtomGitClient a = patkit.client("atomgit", base(), Token.of(tokenA)).unwrap(AtomGitClient.class);
            AtomGitClient b = patkit.client("atomgit", base(), Token.of(tokenB)).unwrap(AtomGitClient.class);
            b.inspect();
            a.inspect();

            Throwable t = catchThrowable(b::inspect);

            assertThat(t).isInstanceOf(RateLimitedException.class).hasMessageContaining("was not sent")
                    .hasMessageContaining("deadline");
            assertThat(((RateLimitedException) t).resetAt()).contains(ProviderHarness.NOW.plusSeconds(60));
            assertThat(forge.sleeper().waits()).isEmpty();
            assertThat(requestsWith(tokenB)).isEqualTo(1);
            Leaks.assertNotIn(t, tokenA);
            Leaks.assertNotIn(t, tokenB);
        }
    }

    @Test
    void recordedOwner_sharesTheBudgetFromTheFirstRequest() {
        stubUsers();
        try (Patkit patkit = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)))) {
            patkit.client("atomgit", base(), Token.of(tokenA)).inspect();
            AtomGitClient b = patkit.client("atomgit", base(), AtomGitCredential.of(Token.of(tokenB),
                    RecordedToken.builder().ownerId(USER_X).build())).unwrap(AtomGitClient.class);

            assertThat(b.rateLimit()).hasValueSatisfying(s -> assertThat(s.remaining().getAsLong()).isZero());
            assertThat(catchThrowable(b::inspect)).isInstanceOf(RateLimitedException.class);
            assertThat(requestsWith(tokenB)).isZero();
        }
    }

    @Test
    void recordedOwnerGivenLater_throughWithRecord_alsoSharesTheBudget() {
        stubUsers();
        try (Patkit patkit = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofMinutes(5)))) {
            patkit.client("atomgit", base(), Token.of(tokenA)).inspect();
            AtomGitClient b = patkit.client("atomgit", base(), Token.of(tokenB)).unwrap(AtomGitClient.class)
                    .withRecord(RecordedToken.builder().ownerId(USER_X).build());

            b.inspect();

            assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(61));
        }
    }

    @Test
    void clientOfAnotherUser_isNotHeldBack() {
        stubUsers();
        try (Patkit patkit = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)))) {
            patkit.client("atomgit", base(), Token.of(tokenA)).inspect();
            AtomGitClient c = patkit.client("atomgit", base(), Token.of(tokenC)).unwrap(AtomGitClient.class);

            c.inspect();
            c.inspect();

            assertThat(forge.sleeper().waits()).isEmpty();
            assertThat(requestsWith(tokenC)).isEqualTo(2);
            assertThat(c.rateLimit().orElseThrow().remaining().getAsLong()).isEqualTo(10);
        }
    }

    @Test
    void failFastPolicy_failsAtOnceEvenWithTimeToWait() {
        stubUsers();
        try (Patkit patkit = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofMinutes(5))
                .rateLimitPolicy(RateLimitPolicy.FAIL_FAST))) {
            AtomGitClient a = patkit.client("atomgit", base(), Token.of(tokenA)).unwrap(AtomGitClient.class);
            AtomGitClient b = patkit.client("atomgit", base(), Token.of(tokenB)).unwrap(AtomGitClient.class);
            b.inspect();
            a.inspect();

            assertThat(catchThrowable(b::inspect)).isInstanceOf(RateLimitedException.class);
            assertThat(forge.sleeper().waits()).isEmpty();
            assertThat(requestsWith(tokenB)).isEqualTo(1);
        }
    }

    @Test
    void separatePatkitInstances_doNotShareBudgets() {
        stubUsers();
        try (Patkit one = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)));
                Patkit two = patkit(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)))) {
            one.client("atomgit", base(), Token.of(tokenA)).inspect();
            AtomGitClient b = two.client("atomgit", base(), Token.of(tokenB)).unwrap(AtomGitClient.class);

            b.inspect();
            b.inspect();

            assertThat(requestsWith(tokenB)).isEqualTo(2);
        }
    }
}
