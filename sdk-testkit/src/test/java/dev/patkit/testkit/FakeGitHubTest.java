package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakeGitHubTest {

    @RegisterExtension
    static final FakeGitHub github = FakeGitHub.create();

    private FakeUser octo;

    @BeforeEach
    void seed() {
        github.reset();
        github.setNow(Instant.parse("2026-03-01T10:00:00Z"));
        octo = github.addUser("octocat", "The Octocat");
    }

    private HttpResponse<String> user(String authorization) {
        return Http.get(github.baseUri() + "/user", "Authorization", authorization);
    }

    @Test
    void classicToken_reportsScopesExpiryAndRateLimit() {
        FakeToken t = github.addToken(TokenSeed.named("ci").owner(octo).scopes("repo", "read:org")
                .expiresAt(Instant.parse("2026-09-03T14:34:04Z")));
        HttpResponse<String> r = user("Bearer " + t.secret());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).get("login").asText()).isEqualTo("octocat");
        assertThat(Http.json(r).get("id").asLong()).isEqualTo(Long.parseLong(octo.id()));
        assertThat(r.headers().firstValue("X-OAuth-Scopes")).hasValue("repo, read:org");
        assertThat(r.headers().firstValue("GitHub-Authentication-Token-Expiration")).hasValue("2026-09-03 14:34:04 UTC");
        assertThat(r.headers().firstValue("x-ratelimit-limit")).hasValue("5000");
        assertThat(r.headers().firstValue("x-ratelimit-remaining")).hasValue("4999");
        assertThat(r.headers().firstValue("x-ratelimit-used")).hasValue("1");
        assertThat(r.headers().firstValue("x-ratelimit-resource")).hasValue("core");
        assertThat(r.headers().firstValue("x-ratelimit-reset"))
                .hasValue(String.valueOf(Instant.parse("2026-03-01T11:00:00Z").getEpochSecond()));
        // "token" scheme works too
        assertThat(user("token " + t.secret()).statusCode()).isEqualTo(200);
    }

    @Test
    void classicSecret_hasAValidChecksum() {
        String s = github.addToken(octo, "x").secret();
        assertThat(s).startsWith("ghp_").hasSize(40);
        CRC32 crc = new CRC32();
        crc.update(s.substring(4, 34).getBytes(StandardCharsets.US_ASCII));
        String b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        long v = crc.getValue();
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(b62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (sb.length() < 6) {
            sb.append('0');
        }
        assertThat(s.substring(34)).isEqualTo(sb.reverse().toString());
    }

    @Test
    void fineGrainedToken_hasNoScopeHeader_andNoExpiryHeaderWithoutExpiry() {
        FakeToken t = github.addToken(TokenSeed.named("fg").owner(octo).kind(TokenSeed.Kind.FINE_GRAINED));
        assertThat(t.secret()).startsWith("github_pat_");
        HttpResponse<String> r = user("Bearer " + t.secret());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-OAuth-Scopes")).isEmpty();
        assertThat(r.headers().firstValue("GitHub-Authentication-Token-Expiration")).isEmpty();
    }

    @Test
    void expiredToken_getsBadCredentials_byTheClock() {
        FakeToken t = github.addToken(TokenSeed.named("ci").owner(octo).scopes("repo")
                .expiresAt(Instant.parse("2026-03-02T00:00:00Z")));
        assertThat(user("Bearer " + t.secret()).statusCode()).isEqualTo(200);
        github.setNow(Instant.parse("2026-03-02T00:00:00Z"));
        HttpResponse<String> r = user("Bearer " + t.secret());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
    }

    @Test
    void credentialsRevoke_withAuthorization_is403_andDoesNotRevoke() {
        FakeToken t = github.addToken(octo, "ci", "repo");
        HttpResponse<String> r = Http.send("POST", github.baseUri() + "/credentials/revoke",
                "{\"credentials\":[\"" + t.secret() + "\"]}", "Authorization", "Bearer " + t.secret());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(github.standing(t.secret())).isEqualTo(TokenStanding.ACTIVE);
    }

    @Test
    void credentialsRevoke_withoutAuthorization_reallyRevokes() {
        FakeToken t = github.addToken(octo, "ci", "repo");
        FakeToken other = github.addToken(octo, "other", "repo");
        HttpResponse<String> r = Http.send("POST", github.baseUri() + "/credentials/revoke",
                "{\"credentials\":[\"" + t.secret() + "\",\"ghp_unknown\"]}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("x-ratelimit-limit")).hasValue("60");
        assertThat(user("Bearer " + t.secret()).statusCode()).isEqualTo(401);
        assertThat(github.standing(t.secret())).isEqualTo(TokenStanding.REVOKED);
        assertThat(user("Bearer " + other.secret()).statusCode()).isEqualTo(200);
        assertThat(Http.send("POST", github.baseUri() + "/credentials/revoke", "{\"credentials\":[]}").statusCode())
                .isEqualTo(422);
    }

    @Test
    void rateLimit_isSharedByTheUsersTokens_andReportedByRateLimitEndpoint() {
        github.rateLimit(2);
        FakeToken a = github.addToken(octo, "a", "repo");
        FakeToken b = github.addToken(octo, "b", "repo");
        assertThat(user("Bearer " + a.secret()).statusCode()).isEqualTo(200);
        assertThat(user("Bearer " + b.secret()).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = user("Bearer " + a.secret());
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        assertThat(Http.json(limited).get("message").asText()).startsWith("API rate limit exceeded");
        HttpResponse<String> rl = Http.get(github.baseUri() + "/rate_limit", "Authorization", "Bearer " + b.secret());
        assertThat(rl.statusCode()).isEqualTo(200);
        assertThat(Http.json(rl).at("/resources/core/remaining").asInt()).isZero();
        assertThat(Http.json(rl).at("/resources/core/limit").asInt()).isEqualTo(2);
        github.rateLimit(5000);
    }

    @Test
    void enterprisePrefix_isServedToo() {
        FakeToken t = github.addToken(octo, "ci", "repo");
        assertThat(Http.get(github.enterpriseBaseUri() + "/user", "Authorization", "Bearer " + t.secret())
                .statusCode()).isEqualTo(200);
    }
}
