package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeAtomGitTest {

    /** An instance field: a fresh server for each test. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final FakeAtomGit atomgit = FakeAtomGit.create();

    private HttpResponse<String> user(FakeToken t) {
        return Http.get(atomgit.baseUri() + "/user", "Authorization", "Bearer " + t.secret());
    }

    @Test
    void user_answersWithA24HexStringId() {
        FakeUser u = atomgit.addUser("yinlin", "Yin Lin");
        FakeToken t = atomgit.addToken(u, "cli");
        HttpResponse<String> r = user(t);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.get("id").isTextual()).isTrue();
        assertThat(j.get("id").asText()).matches("[0-9a-f]{24}").isEqualTo(u.id());
        assertThat(j.get("login").asText()).isEqualTo("yinlin");
        assertThat(j.get("name").asText()).isEqualTo("Yin Lin");
        assertThat(j.get("html_url").asText()).isEqualTo("https://atomgit.com/yinlin");
        assertThat(j.has("created_at")).isTrue();
        assertThat(r.headers().firstValue("x-ratelimit-limit")).hasValue("5000");
        assertThat(r.headers().firstValue("x-ratelimit-remaining")).hasValue("4999");
    }

    @Test
    void unknownRevokedAndExpiredTokens_get401() {
        FakeUser u = atomgit.addUser("yinlin", "Yin Lin");
        atomgit.setNow(Instant.parse("2026-03-01T00:00:00Z"));
        FakeToken t = atomgit.addToken(TokenSeed.named("t").owner(u).expiresAt(Instant.parse("2026-03-02T00:00:00Z")));
        FakeToken r = atomgit.addToken(u, "r");
        atomgit.revoke(r);
        assertThat(Http.get(atomgit.baseUri() + "/user", "Authorization", "Bearer nope").body())
                .isEqualTo("{\"message\":\"401 Unauthorized\"}");
        assertThat(user(r).statusCode()).isEqualTo(401);
        assertThat(user(t).statusCode()).isEqualTo(200);
        atomgit.setNow(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(user(t).statusCode()).isEqualTo(401);
    }

    @Test
    void budget_isSharedByAllTokensOfOneUser() {
        atomgit.rateLimit(3, Duration.ofMinutes(1), 403);
        FakeUser u = atomgit.addUser("yinlin", "Yin Lin");
        FakeUser other = atomgit.addUser("other", "Other");
        FakeToken a = atomgit.addToken(u, "a");
        FakeToken b = atomgit.addToken(u, "b");
        FakeToken c = atomgit.addToken(other, "c");
        assertThat(user(a).headers().firstValue("x-ratelimit-remaining")).hasValue("2");
        assertThat(user(b).headers().firstValue("x-ratelimit-remaining")).hasValue("1");
        assertThat(user(a).headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        HttpResponse<String> exhausted = user(b);
        assertThat(exhausted.statusCode()).isEqualTo(403);
        assertThat(exhausted.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        assertThat(Http.json(exhausted).get("message").asText()).isEqualTo("API rate limit exceeded for " + u.id() + ".");
        // another user's budget is untouched
        assertThat(user(c).statusCode()).isEqualTo(200);
        // a new window restores it
        atomgit.clock().advance(Duration.ofMinutes(1));
        assertThat(user(b).statusCode()).isEqualTo(200);
    }

    @Test
    void exhaustedStatus_canBe429WithRetryAfter() {
        atomgit.rateLimit(1, Duration.ofMinutes(1), 429);
        FakeToken a = atomgit.addToken(atomgit.addUser("u", "U"), "a");
        user(a);
        HttpResponse<String> r = user(a);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
    }
}
