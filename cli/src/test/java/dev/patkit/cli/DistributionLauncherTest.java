package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The distribution as a person runs it: {@code target/patkit/bin/patkit}. */
class DistributionLauncherTest {

    @RegisterExtension
    FakeGitLab gitlab = FakeGitLab.create();

    @TempDir
    Path dir;

    /** lib/ is the command's class path and holds no WireMock; the demo and its fakes are in lib/demo. */
    @Test
    void theDistribution_keepsWireMockOutOfTheClassPath() throws Exception {
        Path lib = Launcher.home().resolve("lib");
        List<String> jars;
        try (java.util.stream.Stream<Path> files = Files.list(lib)) {
            jars = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).contains("patkit-cli.jar", "patkit-core.jar", "picocli.jar")
                .noneMatch(j -> j.contains("wiremock") || j.contains("testkit") || j.contains("junit"));
        assertThat(lib.resolve("demo/wiremock-standalone.jar")).exists();
        assertThat(lib.resolve("demo/patkit-testkit.jar")).exists();
        assertThat(lib.resolve("demo/patkit-cli-demo.jar")).exists();
    }

    @Test
    void demo_walksThroughEveryStepAndFinishes() throws Exception {
        Launcher.Result r = Launcher.run(Launcher.patkit("demo"), Map.of("HOME", dir.toString()), "", null);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== 1. Inspect").contains("== 2. Create").contains("== 3. Register").contains("== 4. Rotate")
                .contains("== 5. Audit")
                .containsPattern("old token \\d+ is now REVOKED; new token \\d+ is ACTIVE")
                .contains("ServiceStage now holds [deploy-bot-gitlab]")
                .contains("RETIRE   DONE")
                .contains("EXPIRES_SOON").contains("PERMISSIONS_UNKNOWN").contains("BROADER_THAN_NEEDED")
                .contains("Demo finished");
        assertThat(r.out()).doesNotContainPattern("(ghp_|glpat-)[A-Za-z0-9]{20}");
        assertThat(r.err()).doesNotContainPattern("(ghp_|glpat-)[A-Za-z0-9]{20}").doesNotContain("Exception");
    }

    @Test
    void version_completion_help_andMistakes() throws Exception {
        Map<String, String> env = Map.of("HOME", dir.toString());
        Launcher.Result version = Launcher.run(Launcher.patkit("--version"), env, "", null);
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("patkit 0.1.0-SNAPSHOT\nJava ");
        Launcher.Result bash = Launcher.run(Launcher.patkit("completion", "bash"), env, "", null);
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("rotate").contains("git-credential");
        Launcher.Result help = Launcher.run(Launcher.patkit("help", "rotate"), env, "", null);
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--servicestage-auth").contains("Examples:");
        Launcher.Result typo = Launcher.run(Launcher.patkit("create", "--expire", "2027-01-01"), env, "", null);
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("patkit create: unknown option '--expire'. Did you mean --expires?"
                + " Run 'patkit help create'.");
    }

    /** The helper's path loads no JSON, HTTP, picocli or WireMock class: checked with -verbose:class. */
    @Test
    void gitCredentialGet_loadsNoJsonHttpOrWireMockClass() throws Exception {
        FakeUser dev = gitlab.addUser("dev", "Dev");
        FakeToken token = gitlab.addToken(TokenSeed.named("git").owner(dev).scopes("read_repository"));
        Path tokenFile = Files.writeString(dir.resolve("gitlab.token"), token.secret() + "\n");
        Map<String, String> env = Map.of("HOME", dir.toString(), "GITLAB_TOKEN_FILE", tokenFile.toString(),
                "GITLAB_URL", "https://gitlab.example.com", "PATKIT_JAVA_OPTS", "-verbose:class");
        Launcher.Result r = Launcher.run(Launcher.patkit("git-credential", "get"), env,
                "protocol=https\nhost=gitlab.example.com\n\n", dir);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> loaded = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("[")).toList();
        assertThat(loaded).as("class loading was logged").anyMatch(l -> l.contains("dev.patkit.cli.GitCredentialCommand"));
        assertThat(loaded).noneMatch(l -> l.contains("com.fasterxml")).noneMatch(l -> l.contains("java.net.http"))
                .noneMatch(l -> l.contains("wiremock")).noneMatch(l -> l.contains("picocli"))
                .noneMatch(l -> l.contains("org.slf4j")).noneMatch(l -> l.contains("dev.patkit.core.Patkit "))
                .noneMatch(l -> l.contains("dev.patkit.core.internal.DefaultHttpPipeline"))
                .noneMatch(l -> l.contains("dev.patkit.gitlab.internal")).noneMatch(l -> l.contains("dev.patkit.servicestage"))
                .noneMatch(l -> l.contains("dev.patkit.testkit"));
        assertThat(r.out()).contains("username=patkit\npassword=" + token.secret() + "\n");
    }

    /** WireMock and the testkit are in lib/ for the demo only: a command that talks to a forge loads none of them. */
    @Test
    void status_loadsNoWireMockOrTestkitClass() throws Exception {
        FakeUser dev = gitlab.addUser("dev", "Dev");
        FakeToken token = gitlab.addToken(TokenSeed.named("cli").owner(dev).scopes("api"));
        Map<String, String> env = Map.of("HOME", dir.toString(), "GITLAB_TOKEN", token.secret(),
                "GITLAB_URL", gitlab.rootUri().toString(), "PATKIT_JAVA_OPTS", "-verbose:class");
        Launcher.Result r = Launcher.run(Launcher.patkit("status"), env, "", dir);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> loaded = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("[")).toList();
        assertThat(loaded).anyMatch(l -> l.contains("dev.patkit.gitlab.internal"));
        assertThat(loaded).noneMatch(l -> l.contains("wiremock")).noneMatch(l -> l.contains("dev.patkit.testkit"))
                .noneMatch(l -> l.contains("org.junit"));
        assertThat(r.out()).contains("  status:  ACTIVE").doesNotContain(token.secret());
    }
}
