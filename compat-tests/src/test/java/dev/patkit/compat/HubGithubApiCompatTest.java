package dev.patkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.testkit.FakeGitHub;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHMyself;
import org.kohsuke.github.GHRateLimit;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

/**
 * hub4j github-api (a real GitHub client from Maven Central) runs every token operation it offers
 * against the GitHub fake; each test asserts what the client returns. The README's table lists the
 * same operations and their results.
 */
class HubGithubApiCompatTest {

    @RegisterExtension
    static final FakeGitHub github = FakeGitHub.create().withoutRequestJournal();

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final long HOUR_LATER = NOW.plusSeconds(3600).getEpochSecond();

    private FakeUser octo;
    private FakeToken classic;
    private FakeToken fineGrained;

    @BeforeAll
    static void quiet() {
        QuietClients.apply();
    }

    @BeforeEach
    void seed() {
        github.reset();
        github.setNow(NOW);
        octo = github.addUser("octocat", "The Octocat");
        classic = github.addToken(TokenSeed.named("ci").owner(octo).scopes("repo", "read:org")
                .expiresAt(Instant.parse("2026-09-03T14:34:04Z")).secret(Canary.githubClassic()));
        fineGrained = github.addToken(TokenSeed.named("fg").owner(octo).kind(TokenSeed.Kind.FINE_GRAINED)
                .secret(Canary.githubFineGrained()));
    }

    private static GitHub client(String endpoint, String secret) throws IOException {
        return new GitHubBuilder().withEndpoint(endpoint).withOAuthToken(secret)
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL).build();
    }

    private static GitHub client(String secret) throws IOException {
        return client(github.baseUri().toString(), secret);
    }

    @Test
    void checkApiUrlValidity_readsTheApiRoot_onBothBases() throws IOException {
        client(classic.secret()).checkApiUrlValidity();
        client(github.enterpriseBaseUri().toString(), classic.secret()).checkApiUrlValidity();
        // Without the API root (a 404 there), the client would throw "doesn't look like GitHub API URL".
    }

    @Test
    void getMyself_withClassicAndFineGrainedTokens() throws IOException {
        for (FakeToken t : List.of(classic, fineGrained)) {
            GitHub gh = client(t.secret());
            assertThat(gh.isAnonymous()).isFalse();
            GHMyself me = gh.getMyself();
            assertThat(me.getLogin()).isEqualTo("octocat");
            assertThat(me.getId()).isEqualTo(Long.parseLong(octo.id()));
            assertThat(me.getName()).isEqualTo("The Octocat");
            assertThat(me.getEmail()).isEqualTo("octocat@users.noreply.github.com");
            assertThat(me.getType()).isEqualTo("User");
            assertThat(me.getHtmlUrl().toString()).isEqualTo("https://github.com/octocat");
        }
    }

    @Test
    void isCredentialValid_trueForALiveToken_falseForRevokedAndUnknown() throws IOException {
        assertThat(client(classic.secret()).isCredentialValid()).isTrue();
        github.revoke(classic);
        assertThat(client(classic.secret()).isCredentialValid()).isFalse();
        assertThat(client(Canary.githubClassic()).isCredentialValid()).isFalse();
        github.setNow(Instant.parse("2026-09-03T14:34:04Z"));
        assertThat(client(fineGrained.secret()).isCredentialValid()).isTrue();
    }

    @Test
    @SuppressWarnings("deprecation") // lastRateLimit() is deprecated but still offered
    void getRateLimit_andLastRateLimit() throws IOException {
        GitHub gh = client(classic.secret());
        gh.getMyself();
        GHRateLimit limit = gh.getRateLimit();
        assertThat(limit.getCore().getLimit()).isEqualTo(5000);
        assertThat(limit.getCore().getRemaining()).isEqualTo(4999);
        assertThat(limit.getCore().getResetEpochSeconds()).isEqualTo(HOUR_LATER);
        assertThat(limit.getSearch().getLimit()).isEqualTo(30);
        assertThat(limit.getGraphQL().getLimit()).isEqualTo(5000);
        assertThat(gh.getRateLimit().getCore().getRemaining()).isEqualTo(4999); // /rate_limit is free
        // getMyself() is cached by the client: a second call sends nothing. A new client sends GET /user.
        GitHub again = client(classic.secret());
        again.getMyself();
        GHRateLimit last = again.lastRateLimit();
        assertThat(last.getCore().getLimit()).isEqualTo(5000);
        assertThat(last.getCore().getRemaining()).isEqualTo(4998);
        assertThat(last.getCore().getResetEpochSeconds()).isEqualTo(HOUR_LATER);
    }

    @Test
    @SuppressWarnings("deprecation") // lastRateLimit() is deprecated but still offered
    void exhaustedRateLimit_failsWithTheFailHandler() throws IOException {
        github.rateLimit(1);
        try {
            client(classic.secret()).getMyself();
            GitHub gh = client(classic.secret());
            IOException e = catchThrowableOfType(IOException.class, gh::getMyself);
            assertThat(e).hasMessageContaining("API rate limit reached");
            assertThat(gh.lastRateLimit().getCore().getRemaining()).isZero();
        } finally {
            github.rateLimit(5000);
        }
    }

    @Test
    void badToken_is401BadCredentials() throws IOException {
        String secret = Canary.githubClassic();
        HttpException e = catchThrowableOfType(HttpException.class, () -> client(secret).getMyself());
        assertThat(e.getResponseCode()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo(
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
        Leaks.assertNotIn(e, secret);
    }

    @Test
    void removedAuthorizationsApi_unknownIdsAnswer404() throws IOException {
        GitHub gh = client(classic.secret());
        // The OAuth Authorizations API (/authorizations) is gone from github.com; the fake answers 404 like it.
        GHFileNotFoundException deleted = catchThrowableOfType(GHFileNotFoundException.class, () -> gh.deleteAuth(42L));
        assertThat(deleted).hasMessageContaining("\"message\":\"Not Found\"");
        GHFileNotFoundException listed = catchThrowableOfType(GHFileNotFoundException.class,
                () -> gh.listMyAuthorizations().toList());
        assertThat(listed).hasMessageContaining("\"message\":\"Not Found\"");
        // checkAuth/resetAuth use /applications/{client_id}/tokens/{token} (a token in the URL), which
        // GitHub replaced by POST|PATCH /applications/{client_id}/token; not a valid secret on purpose.
        GHFileNotFoundException checked = catchThrowableOfType(GHFileNotFoundException.class,
                () -> gh.checkAuth("Iv1.0000000000000000", "not-a-token"));
        assertThat(checked).hasMessageContaining("\"message\":\"Not Found\"");
    }
}
