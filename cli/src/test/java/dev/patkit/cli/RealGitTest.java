package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.GitHttpBackend;
import dev.patkit.testkit.TokenSeed;
import dev.patkit.testkit.TokenStanding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real git binary clones over HTTP with {@code credential.helper} pointing at the
 * distribution's {@code bin/patkit git-credential}. The server is {@code git http-backend} behind a JDK HttpServer that
 * demands, as the password, a token the fake GitLab says is active.
 */
class RealGitTest {

    @RegisterExtension
    FakeGitLab gitlab = FakeGitLab.create();

    @TempDir
    Path dir;

    private GitHttpBackend server;
    private FakeToken token;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        FakeUser dev = gitlab.addUser("dev", "Dev");
        token = gitlab.addToken(TokenSeed.named("git").owner(dev).scopes("read_repository"));
        Path repos = Files.createDirectories(dir.resolve("repos"));
        git(repos, "init", "-q", "--bare", "demo.git");
        Path work = Files.createDirectories(dir.resolve("work"));
        git(work, "init", "-q");
        Files.writeString(work.resolve("README"), "hello from patkit\n");
        git(work, "add", "README");
        git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        git(work, "push", "-q", repos.resolve("demo.git").toString(), "HEAD:refs/heads/main");
        git(repos.resolve("demo.git"), "symbolic-ref", "HEAD", "refs/heads/main");

        server = new GitHttpBackend(repos, password -> gitlab.standing(password) == TokenStanding.ACTIVE);

        env.put("HOME", dir.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GITLAB_TOKEN", token.secret());
        env.put("GITLAB_URL", gitlab.baseUri().toString());
        env.put("GITLAB_GIT_HOST", server.hostAndPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Launcher.Result clone(String into) throws Exception {
        return Launcher.run(List.of("git", "clone", "-q", server.url("demo.git"),
                into), env, "", dir);
    }

    private void git(Path in, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Launcher.Result r = Launcher.run(cmd, Map.of("HOME", dir.toString(), "GIT_CONFIG_NOSYSTEM", "1"), "", in);
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** The README's path: status, setup-git (git's global config in this HOME), then a plain git clone. */
    @Test
    void clone_succeedsWithTheConfiguredToken_andFailsOnceItIsRevoked() throws Exception {
        Launcher.Result status = Launcher.run(Launcher.patkit("status"), env, "", dir);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("  status:  ACTIVE\n").contains("from GITLAB_TOKEN\n")
                .contains("  expires: never\n");
        Launcher.Result setup = Launcher.run(Launcher.patkit("setup-git"), env, "", dir);
        assertThat(setup.code()).as(setup.err()).isZero();
        String host = server.hostAndPort();
        assertThat(setup.out()).isEqualTo("git now asks patkit for http://" + host + " (gitlab)\n");
        assertThat(Files.readString(dir.resolve(".gitconfig"))).contains("[credential \"http://" + host + "\"]")
                .contains("helper = !'" + Launcher.home().resolve("bin/patkit").toAbsolutePath() + "' git-credential");
        Launcher.Result ok = clone("first");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(dir.resolve("first/README")).hasContent("hello from patkit");
        assertThat(ok.err()).doesNotContain(token.secret());

        gitlab.revoke(token);
        Launcher.Result denied = clone("second");
        assertThat(denied.code()).isNotZero();
        assertThat(denied.err()).contains("Authentication failed").doesNotContain(token.secret());
        assertThat(dir.resolve("second/README")).doesNotExist();
    }

    @Test
    void gitCredentialGet_asAProcess_answersWithoutTheNetwork() throws Exception {
        String host = server.hostAndPort();
        Launcher.Result r = Launcher.run(Launcher.patkit("git-credential", "get"), env,
                "protocol=http\nhost=" + host + "\n\n", dir);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("username=patkit\npassword=" + token.secret() + "\n");
        assertThat(gitlab.wireMock().getAllServeEvents()).as("no request reached GitLab").isEmpty();
    }
}
