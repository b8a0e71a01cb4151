package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakeGitLabTest {

    @RegisterExtension
    static final FakeGitLab gitlab = FakeGitLab.create();

    private FakeUser alice;
    private FakeUser admin;
    private FakeToken aliceApi;
    private FakeToken adminToken;

    @BeforeEach
    void seed() {
        gitlab.reset();
        gitlab.setNow(Instant.parse("2026-03-01T10:00:00Z"));
        alice = gitlab.addUser("alice", "Alice Liddell");
        admin = gitlab.addAdmin("root", "Administrator");
        aliceApi = gitlab.addToken(TokenSeed.named("alice-api").owner(alice).scopes("api")
                .expiresOn(LocalDate.parse("2026-12-31")));
        adminToken = gitlab.addToken(admin, "admin", "api");
    }

    private String url(String path) {
        return gitlab.baseUri() + path;
    }

    private HttpResponse<String> self(String secret) {
        return Http.get(url("/personal_access_tokens/self"), "PRIVATE-TOKEN", secret);
    }

    @Test
    void lifecycle_createListRotateRevoke_keepsState() {
        // create (admin, for alice)
        HttpResponse<String> created = Http.send("POST", url("/users/" + alice.id() + "/personal_access_tokens"),
                "{\"name\":\"ci\",\"scopes\":[\"api\",\"read_user\"],\"expires_at\":\"2026-06-01\"}",
                "PRIVATE-TOKEN", adminToken.secret());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = Http.json(created);
        String first = c.get("token").asText();
        long firstId = c.get("id").asLong();
        assertThat(first).startsWith("glpat-");
        assertThat(c.get("name").asText()).isEqualTo("ci");
        assertThat(c.get("user_id").asLong()).isEqualTo(Long.parseLong(alice.id()));
        assertThat(c.get("expires_at").asText()).isEqualTo("2026-06-01");
        assertThat(c.get("active").asBoolean()).isTrue();
        assertThat(c.get("revoked").asBoolean()).isFalse();
        assertThat(c.get("created_at").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(c.has("description")).isTrue();
        assertThat(c.has("last_used_at")).isTrue();
        assertThat(c.has("last_used_ips")).isTrue();

        // list (alice sees her two tokens)
        HttpResponse<String> list = Http.get(url("/personal_access_tokens?state=active"), "PRIVATE-TOKEN", first);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Http.json(list).size()).isEqualTo(2);
        assertThat(Http.json(list).findValuesAsText("name")).containsExactly("alice-api", "ci");
        assertThat(Http.json(list).findValues("token")).isEmpty();
        assertThat(list.headers().firstValue("x-total")).hasValue("2");

        // the new secret inspects itself
        HttpResponse<String> me = self(first);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).get("id").asLong()).isEqualTo(firstId);
        assertThat(Http.json(me).get("scopes").toString()).isEqualTo("[\"api\",\"read_user\"]");
        assertThat(Http.json(me).get("last_used_ips").toString()).contains("127.0.0.1");

        // rotate self: new id, new secret, old revoked
        HttpResponse<String> rotated = Http.send("POST", url("/personal_access_tokens/self/rotate"),
                "{\"expires_at\":\"2026-04-01\"}", "PRIVATE-TOKEN", first);
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode r = Http.json(rotated);
        String second = r.get("token").asText();
        assertThat(second).isNotEqualTo(first).startsWith("glpat-");
        assertThat(r.get("id").asLong()).isNotEqualTo(firstId);
        assertThat(r.get("expires_at").asText()).isEqualTo("2026-04-01");

        HttpResponse<String> old = self(first);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(Http.json(old).get("error").asText()).isEqualTo("invalid_token");
        assertThat(Http.json(old).get("error_description").asText()).startsWith("Token was revoked.");
        assertThat(self(second).statusCode()).isEqualTo(200);

        // the old record is listed as revoked
        HttpResponse<String> oldRecord = Http.get(url("/personal_access_tokens/" + firstId), "PRIVATE-TOKEN", second);
        assertThat(Http.json(oldRecord).get("revoked").asBoolean()).isTrue();
        assertThat(Http.json(oldRecord).get("active").asBoolean()).isFalse();

        // revoke by id, then the new secret gets 401
        long secondId = r.get("id").asLong();
        assertThat(Http.send("DELETE", url("/personal_access_tokens/" + secondId), null, "PRIVATE-TOKEN",
                aliceApi.secret()).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = self(second);
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(Http.json(gone).get("error_description").asText()).startsWith("Token was revoked.");
    }

    @Test
    void expiry_followsTheClock_deadFromMidnightUtcOfTheDate() {
        FakeToken t = gitlab.addToken(TokenSeed.named("short").owner(alice).scopes("read_api")
                .expiresOn(LocalDate.parse("2026-03-05")));
        gitlab.setNow(Instant.parse("2026-03-04T23:59:59Z"));
        assertThat(self(t.secret()).statusCode()).isEqualTo(200);
        assertThat(gitlab.standing(t.secret())).isEqualTo(TokenStanding.ACTIVE);
        gitlab.setNow(Instant.parse("2026-03-05T00:00:00Z"));
        HttpResponse<String> expired = self(t.secret());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Http.json(expired).get("error").asText()).isEqualTo("invalid_token");
        assertThat(Http.json(expired).get("error_description").asText())
                .isEqualTo("Token is expired. You can either do re-authorization or token refresh.");
        assertThat(gitlab.standing(t.secret())).isEqualTo(TokenStanding.EXPIRED);
        // inactive in the admin's list
        HttpResponse<String> inactive = Http.get(url("/personal_access_tokens?state=inactive&user_id=" + alice.id()),
                "PRIVATE-TOKEN", adminToken.secret());
        assertThat(Http.json(inactive).findValuesAsText("name")).containsExactly("short");
    }

    @Test
    void unknownToken_gets401Message_andBearerIsAccepted() {
        HttpResponse<String> r = self("glpat-doesnotexist000000");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
        assertThat(Http.get(url("/personal_access_tokens/self"), "Authorization", "Bearer " + aliceApi.secret())
                .statusCode()).isEqualTo(200);
        assertThat(Http.get(url("/personal_access_tokens/self")).statusCode()).isEqualTo(401);
    }

    @Test
    void missingScope_gets403InsufficientScope() {
        FakeToken readUser = gitlab.addToken(alice, "ru", "read_user");
        HttpResponse<String> r = Http.get(url("/personal_access_tokens"), "PRIVATE-TOKEN", readUser.secret());
        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode j = Http.json(r);
        assertThat(j.get("error").asText()).isEqualTo("insufficient_scope");
        assertThat(j.get("scope").asText()).isEqualTo("api read_api");
        // self works with any scope
        assertThat(self(readUser.secret()).statusCode()).isEqualTo(200);
        // self rotate needs api or self_rotate
        assertThat(Http.send("POST", url("/personal_access_tokens/self/rotate"), null, "PRIVATE-TOKEN",
                readUser.secret()).statusCode()).isEqualTo(403);
    }

    @Test
    void responses_carryRateLimitHeaders_and429WhenExhausted() {
        gitlab.rateLimit(2);
        HttpResponse<String> first = self(aliceApi.secret());
        assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("2");
        assertThat(first.headers().firstValue("RateLimit-Remaining")).hasValue("1");
        assertThat(first.headers().firstValue("RateLimit-Name")).hasValue("throttle_authenticated_api");
        assertThat(first.headers().firstValue("RateLimit-Reset")).hasValue(
                String.valueOf(Instant.parse("2026-03-01T10:01:00Z").getEpochSecond()));
        self(aliceApi.secret());
        HttpResponse<String> third = self(aliceApi.secret());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).isEqualTo("Retry later\n");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("60");
        gitlab.rateLimit(2000);
    }

    @Test
    void list_paginatesWithLinkAndXHeaders() {
        for (int i = 0; i < 4; i++) {
            gitlab.addToken(alice, "extra-" + i, "read_api");
        }
        HttpResponse<String> p1 = Http.get(url("/personal_access_tokens?per_page=2&search=extra"),
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(Http.json(p1).findValuesAsText("name")).containsExactly("extra-0", "extra-1");
        assertThat(p1.headers().firstValue("x-next-page")).hasValue("2");
        assertThat(p1.headers().firstValue("x-page")).hasValue("1");
        assertThat(p1.headers().firstValue("x-per-page")).hasValue("2");
        assertThat(p1.headers().firstValue("x-total")).hasValue("4");
        assertThat(p1.headers().firstValue("x-total-pages")).hasValue("2");
        String link = p1.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("rel=\"next\"").contains("page=2").contains("search=extra");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        HttpResponse<String> p2 = Http.get(next, "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(Http.json(p2).findValuesAsText("name")).containsExactly("extra-2", "extra-3");
        assertThat(p2.headers().firstValue("x-next-page")).hasValue("");
        assertThat(p2.headers().firstValue("Link").orElseThrow()).doesNotContain("rel=\"next\"");
    }

    @Test
    void nonAdmin_cannotSeeOthersTokens() {
        FakeUser bob = gitlab.addUser("bob", "Bob");
        FakeToken bobs = gitlab.addToken(bob, "b", "api");
        assertThat(Http.get(url("/personal_access_tokens/" + bobs.id()), "PRIVATE-TOKEN", aliceApi.secret())
                .statusCode()).isEqualTo(401);
        assertThat(Http.get(url("/personal_access_tokens?user_id=" + bob.id()), "PRIVATE-TOKEN", aliceApi.secret())
                .statusCode()).isEqualTo(401);
        assertThat(Http.get(url("/personal_access_tokens/99999"), "PRIVATE-TOKEN", adminToken.secret())
                .statusCode()).isEqualTo(404);
        assertThat(Http.get(url("/personal_access_tokens/" + bobs.id()), "PRIVATE-TOKEN", adminToken.secret())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void rotateWithRevokedToken_revokesTheWholeFamily() {
        HttpResponse<String> rotated = Http.send("POST", url("/personal_access_tokens/self/rotate"), null,
                "PRIVATE-TOKEN", aliceApi.secret());
        JsonNode r = Http.json(rotated);
        assertThat(r.get("expires_at").asText()).isEqualTo("2026-03-08"); // default: one week
        String fresh = r.get("token").asText();
        assertThat(self(fresh).statusCode()).isEqualTo(200);
        // a stale retry with the old secret: reuse detected
        HttpResponse<String> retry = Http.send("POST", url("/personal_access_tokens/self/rotate"), null,
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(retry.statusCode()).isEqualTo(401);
        assertThat(self(fresh).statusCode()).isEqualTo(401);
        assertThat(gitlab.standing(fresh)).isEqualTo(TokenStanding.REVOKED);
    }

    @Test
    void lostResponse_rotatesButTheClientSeesNoAnswer_andSuccessorFindsTheNewToken() {
        gitlab.failNext("POST", "/api/v4/personal_access_tokens/\\d+/rotate", FakeFailure.lostResponse());
        assertThatThrownBy(() -> Http.send("POST", url("/personal_access_tokens/" + aliceApi.id() + "/rotate"), null,
                "PRIVATE-TOKEN", aliceApi.secret())).isInstanceOf(UncheckedIOException.class);
        assertThat(gitlab.standing(aliceApi.secret())).isEqualTo(TokenStanding.REVOKED);
        FakeToken next = gitlab.successor(aliceApi).orElseThrow();
        assertThat(self(next.secret()).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedStatus_leavesStateAlone() {
        gitlab.failNext("POST", ".*/rotate", FakeFailure.status(503));
        HttpResponse<String> r = Http.send("POST", url("/personal_access_tokens/self/rotate"), null,
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(gitlab.standing(aliceApi.secret())).isEqualTo(TokenStanding.ACTIVE);
        assertThat(gitlab.successor(aliceApi)).isEmpty();
    }

    @Test
    void createValidation_followsGitLabShapes() {
        HttpResponse<String> noName = Http.send("POST", url("/user/personal_access_tokens"),
                "{\"scopes\":[\"k8s_proxy\"]}", "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).isEqualTo("{\"error\":\"name is missing\"}");
        HttpResponse<String> badScope = Http.send("POST", url("/user/personal_access_tokens"),
                "{\"name\":\"x\",\"scopes\":[\"api\"]}", "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(badScope.statusCode()).isEqualTo(400);
        HttpResponse<String> tooLate = Http.send("POST", url("/user/personal_access_tokens"),
                "{\"name\":\"x\",\"scopes\":[\"self_rotate\"],\"expires_at\":\"2030-01-01\"}",
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(tooLate.statusCode()).isEqualTo(400);
        assertThat(Http.json(tooLate).get("message").get("expires_at").get(0).asText()).startsWith("must be before");
        HttpResponse<String> ok = Http.send("POST", url("/user/personal_access_tokens"),
                "{\"name\":\"x\",\"scopes\":[\"self_rotate\"]}", "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(Http.json(ok).get("expires_at").asText()).isEqualTo("2027-03-01");
        // non-admin create for a user: 403
        assertThat(Http.send("POST", url("/users/" + alice.id() + "/personal_access_tokens"),
                "{\"name\":\"x\",\"scopes\":[\"api\"]}", "PRIVATE-TOKEN", aliceApi.secret()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void projectAccessTokens_createListRotateRevoke() {
        String base = url("/projects/group%2Fapp/access_tokens");
        HttpResponse<String> created = Http.send("POST", base,
                "{\"name\":\"deploy\",\"scopes\":[\"read_repository\"],\"access_level\":30,\"expires_at\":\"2026-05-01\"}",
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = Http.json(created);
        assertThat(c.get("access_level").asInt()).isEqualTo(30);
        assertThat(c.get("user_id").asLong()).isNotEqualTo(Long.parseLong(alice.id())); // a bot
        String secret = c.get("token").asText();
        assertThat(Http.json(Http.get(base, "PRIVATE-TOKEN", aliceApi.secret())).findValuesAsText("name"))
                .containsExactly("deploy");
        HttpResponse<String> rotated = Http.send("POST", base + "/" + c.get("id").asText() + "/rotate", null,
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(rotated.statusCode()).isEqualTo(200);
        String next = Http.json(rotated).get("token").asText();
        assertThat(self(secret).statusCode()).isEqualTo(401);
        assertThat(self(next).statusCode()).isEqualTo(200);
        // "self" exists only on rotate for project and group tokens: GET and DELETE look it up as an id.
        FakeToken bot = gitlab.addToken(TokenSeed.named("bot").project("group/app").scopes("api"));
        HttpResponse<String> self = Http.get(base + "/self", "PRIVATE-TOKEN", bot.secret());
        assertThat(self.statusCode()).isEqualTo(404);
        assertThat(self.body()).isEqualTo("{\"message\":\"404 Access Token Not Found\"}");
        assertThat(Http.send("DELETE", base + "/self", null, "PRIVATE-TOKEN", bot.secret()).statusCode())
                .isEqualTo(404);
        assertThat(self(bot.secret()).statusCode()).isEqualTo(200);
        HttpResponse<String> selfRotated = Http.send("POST", base + "/self/rotate", null, "PRIVATE-TOKEN", bot.secret());
        assertThat(selfRotated.statusCode()).isEqualTo(200);
        assertThat(gitlab.standing(bot.secret())).isEqualTo(TokenStanding.REVOKED);
        assertThat(Http.send("DELETE", base + "/" + Http.json(rotated).get("id").asText(), null,
                "PRIVATE-TOKEN", aliceApi.secret()).statusCode()).isEqualTo(204);
        assertThat(self(next).statusCode()).isEqualTo(401);
        assertThat(Http.send("POST", base, "{\"name\":\"x\",\"scopes\":[\"api\"],\"access_level\":35}",
                "PRIVATE-TOKEN", aliceApi.secret()).statusCode()).isEqualTo(400);
        // Project and group tokens take the bot scope set: no read_user, sudo, admin_mode, read_service_ping.
        for (String scope : java.util.List.of("read_user", "sudo", "admin_mode", "read_service_ping")) {
            HttpResponse<String> refused = Http.send("POST", base, "{\"name\":\"x\",\"scopes\":[\"" + scope + "\"]}",
                    "PRIVATE-TOKEN", aliceApi.secret());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"error\":\"scopes does not have a valid value\"}");
        }
    }
}
