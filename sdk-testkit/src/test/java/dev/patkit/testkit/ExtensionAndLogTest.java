package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtensionAndLogTest {

    @RegisterExtension
    static final FakeForges forges = FakeForges.create();

    @Test
    void allFourFakesRun_onLoopback_onOneClock() {
        assertThat(forges.gitlab().baseUri().toString()).startsWith("http://127.0.0.1:").endsWith("/api/v4");
        assertThat(forges.atomgit().baseUri().toString()).endsWith("/api/v5");
        assertThat(forges.github().isRunning()).isTrue();
        assertThat(forges.servicestage().isRunning()).isTrue();
        assertThat(forges.gitlab().clock()).isSameAs(forges.servicestage().clock());
        assertThat(forges.gitlab().port()).isNotEqualTo(forges.github().port());
    }

    @Test
    void handRunFake_startsAndStops() {
        FakeGitLab gl = FakeGitLab.create().start();
        int port = gl.port();
        assertThat(port).isPositive();
        gl.close();
        assertThat(gl.isRunning()).isFalse();
        assertThatThrownBy(gl::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
    }

    @Test
    void canarySecrets_neverReachALogLine_orAToString() {
        LogCapture.clear();
        String gl = Canary.gitlab();
        String gh = Canary.githubClassic();
        FakeUser alice = forges.gitlab().addUser("canary-alice", "Alice");
        FakeToken t = forges.gitlab().addToken(TokenSeed.named("canary").owner(alice).scopes("api").secret(gl));
        FakeUser octo = forges.github().addUser("canary-octo", "Octo");
        FakeToken g = forges.github().addToken(TokenSeed.named("canary").owner(octo).scopes("repo").secret(gh));
        HttpResponse<String> rotated = Http.send("POST", forges.gitlab().baseUri()
                + "/personal_access_tokens/self/rotate", null, "PRIVATE-TOKEN", gl);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String fresh = Http.json(rotated).get("token").asText();
        Http.get(forges.gitlab().baseUri() + "/personal_access_tokens/self", "PRIVATE-TOKEN", gl);
        Http.get(forges.github().baseUri() + "/user", "Authorization", "Bearer " + gh);
        Http.send("POST", forges.github().baseUri() + "/credentials/revoke", "{\"credentials\":[\"" + gh + "\"]}");
        String iam = forges.servicestage().addIamToken().secret();
        Http.send("POST", forges.servicestage().baseUri() + "/v1/p/git/auths/gitlab/personal",
                "{\"name\":\"canary\",\"token\":\"" + fresh + "\"}", "X-Auth-Token", iam);

        assertThat(LogCapture.all()).isNotEmpty(); // the fakes did log (without secrets)
        Leaks.assertNotLogged(gl);
        Leaks.assertNotLogged(gh);
        Leaks.assertNotLogged(fresh);
        Leaks.assertNotLogged(iam);
        assertThat(t.toString()).doesNotContain(gl);
        assertThat(g.toString()).doesNotContain(gh);
        assertThat(TokenSeed.named("x").secret(gl).toString()).doesNotContain(gl);
    }
}
