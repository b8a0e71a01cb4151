package dev.patkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.testkit.FakeFailure;
import dev.patkit.testkit.FakeForges;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A person's mistakes get exit 2 and a sentence saying what to do; every documented exit code is reachable. */
class CliMistakesTest {

    @RegisterExtension
    FakeForges forges = FakeForges.create();

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private FakeUser alice;
    private FakeToken admin;
    private FakeToken github;
    private LocalDate today;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    @BeforeEach
    void seed() throws Exception {
        LogCapture.clear();
        today = LocalDate.now(ZoneOffset.UTC);
        alice = forges.gitlab().addAdmin("alice", "Alice");
        admin = forges.gitlab().addToken(TokenSeed.named("admin").owner(alice).scopes("api").expiresOn(today.plusDays(90)));
        github = forges.github().addToken(TokenSeed.named("gh").owner(forges.github().addUser("octocat", "Octo"))
                .scopes("repo"));
        Path tokenFile = Files.writeString(dir.resolve("gitlab.token"), admin.secret() + "  \n\n");
        env.put("HOME", dir.toString());
        env.put("PATKIT_STATE_DIR", dir.resolve("state").toString());
        env.put("GITLAB_TOKEN_FILE", tokenFile.toString());
        env.put("GITLAB_URL", forges.gitlab().rootUri().toString());
    }

    @AfterEach
    void nothingLeaked() {
        Leaks.assertNotLogged(admin.secret());
        Leaks.assertNotLogged(github.secret());
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(r.err()).doesNotContain(admin.secret()).doesNotContain(github.secret()).doesNotContain("Exception:")
                .doesNotContain("\tat ");
        return r;
    }

    private int gitlabTokenCount() {
        return forges.gitlab().wireMock().findAll(postRequestedFor(urlMatching(".*/personal_access_tokens.*"))).size();
    }

    @Test
    void misspeltCommandsAndOptions_suggestTheRightOne() {
        Result command = run("stauts");
        assertThat(command.code()).isEqualTo(2);
        assertThat(command.err()).isEqualTo("patkit: unknown command 'stauts'. Did you mean status? Run 'patkit help'.\n");
        Result option = run("list", "--provider", "gitlab", "--stat", "active");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("patkit list: unknown option '--stat'. Did you mean --state? Run 'patkit help list'.\n");
        Result expire = run("create", "--provider", "gitlab", "--name", "x", "--scopes", "api", "--expire=2027-01-01",
                "--show-secret");
        assertThat(expire.err()).isEqualTo("patkit create: unknown option '--expire'. Did you mean --expires?"
                + " Run 'patkit help create'.\n");
        assertThat(gitlabTokenCount()).as("nothing was created").isZero();
        Result noArgs = run();
        assertThat(noArgs.code()).isEqualTo(2);
        assertThat(noArgs.err()).contains("Usage: patkit");
        Result help = run("help", "rotat");
        assertThat(help.code()).isEqualTo(2);
        assertThat(help.err()).contains("No help topic 'rotat'. Did you mean rotate?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30d", "4w", "1y", "P30D", "p4w", "12h"})
    void durations_acceptPeopleAndIsoForms(String within) {
        Result r = run("audit", "--within", within, "--json");
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(r.out()).contains("\"findings\"");
    }

    @Test
    void providerIsCaseInsensitive_urlIsCompleted_andTheTokenFileIsTrimmed() throws Exception {
        Result r = run("list", "--provider", "GitLab", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().findValuesAsText("name")).contains("admin");
        Result status = run("status", "--json");
        assertThat(status.json().get(0).path("url").asText()).isEqualTo(forges.gitlab().baseUri().toString());
        assertThat(status.json().get(0).path("tokenSource").asText()).isEqualTo("GITLAB_TOKEN_FILE=" + dir.resolve("gitlab.token"));
        assertThat(status.json().get(0).path("expiry").asText()).isEqualTo(today.plusDays(90).toString());
        Result unknown = run("list", "--provider", "gitlb");
        assertThat(unknown.err()).isEqualTo("patkit: Unknown provider 'gitlb'. Did you mean gitlab? Known providers:"
                + " [gitlab, github, atomgit, servicestage]\n");
    }

    @Test
    void aWrongApiBase_isAskedAbout() throws Exception {
        env.put("GITLAB_URL", forges.gitlab().rootUri() + "/gitlab");
        Result r = run("status", "--json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().get(0).path("ok").asBoolean()).isFalse();
        assertThat(r.json().get(0).path("error").asText()).contains("Is " + forges.gitlab().rootUri()
                + "/gitlab/api/v4 the API base?");
    }

    @Test
    void status_reportsEveryProviderEvenWhenOneFails() throws Exception {
        env.put("GITHUB_TOKEN", github.secret());
        env.put("GITHUB_URL", forges.github().baseUri().toString());
        env.put("ATOMGIT_TOKEN", "atomgit-token-that-does-not-exist");
        env.put("ATOMGIT_URL", forges.atomgit().baseUri().toString());
        Result r = run("status", "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode list = r.json();
        assertThat(list).hasSize(3);
        assertThat(list.get(0).path("ok").asBoolean()).isTrue();
        assertThat(list.get(0).path("account").asText()).as("GitLab shows the login, not the number").isEqualTo("alice");
        assertThat(list.get(1).path("account").asText()).isEqualTo("octocat");
        assertThat(list.get(1).path("token").asText()).startsWith("ghp_****");
        assertThat(list.get(2).path("provider").asText()).isEqualTo("atomgit");
        assertThat(list.get(2).path("status").asText()).isIn("INVALID", "");
        Result text = run("status");
        assertThat(text.out()).contains("gitlab  ").contains("github  ").contains("atomgit  ");
    }

    @Test
    void configFile_unknownKeysAreErrors_andLabelledHostsAreChosenWithHost() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.properties"), "gitlab.tokenfile=/x\n");
        Result r = run("status", "--config", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("patkit: Unknown key 'gitlab.tokenfile' in the config file " + bad
                + ". Did you mean gitlab.token-file? Run 'patkit help config' for the keys.\n");

        FakeToken other = forges.gitlab().addToken(TokenSeed.named("work").owner(alice).scopes("read_api"));
        Path otherFile = Files.writeString(dir.resolve("work.token"), other.secret() + "\n");
        Path config = Files.writeString(dir.resolve("patkit.properties"), "gitlab.work.url=" + forges.gitlab().rootUri()
                + "\ngitlab.work.token-file=" + otherFile + "\n");
        Result both = run("status", "--config", config.toString(), "--json");
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.json()).hasSize(2);
        assertThat(both.json().get(1).path("label").asText()).isEqualTo("work");
        assertThat(both.json().get(1).path("scopes").toString()).isEqualTo("[\"read_api\"]");
        Result one = run("status", "--config", config.toString(), "--provider", "gitlab", "--host", "work", "--json");
        assertThat(one.json()).hasSize(1);
        Result none = run("list", "--config", config.toString(), "--provider", "gitlab", "--host", "nope");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("No gitlab host 'nope' is configured (--host)").contains("work (");
        assertThat(run("help", "config").out()).contains("GITLAB_GIT_HOST").contains("gitlab.work.url");
    }

    @Test
    void create_checksTheStoreFirst_andNeverOverwritesWithoutForce() throws Exception {
        Path existing = Files.writeString(dir.resolve("live-token"), "glpat-somebody-elses\n");
        Result refused = run("create", "--provider", "gitlab", "--name", "ci", "--scopes", "api", "--duration", "30d",
                "--store-file", existing.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("already exists and may hold a live token").contains("--force");
        Files.createDirectories(dir.resolve("a-directory"));
        Result directory = run("create", "--provider", "gitlab", "--name", "ci", "--scopes", "api", "--store-file",
                dir.resolve("a-directory").toString(), "--force");
        assertThat(directory.code()).isEqualTo(2);
        assertThat(directory.err()).contains("is a directory");
        assertThat(gitlabTokenCount()).as("the forge was never asked").isZero();
        assertThat(Files.readString(existing)).isEqualTo("glpat-somebody-elses\n");

        Result forced = run("create", "--provider", "gitlab", "--name", "ci", "--scopes", "api", "--duration", "4w",
                "--for-user", alice.id(), "--store-file", existing.toString(), "--force", "--json");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.json().path("expiresAt").asText()).startsWith(today.plusDays(28).toString());
        Leaks.assertNotLogged(Files.readString(existing).strip());
    }

    /** The forge answered but the store broke: the secret is kept in a 0600 rescue file the message names. */
    @Test
    void create_keepsASecretTheStoreRefused_inARescueFile() throws Exception {
        Path store = dir.resolve("new-token");
        forges.gitlab().wireMock().addMockServiceRequestListener((request, response) -> {
            if (request.getMethod().getName().equals("POST") && request.getUrl().contains("/personal_access_tokens")) {
                try {
                    Files.createDirectories(store.resolve("in-the-way"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        Result r = run("create", "--provider", "gitlab", "--name", "ci", "--scopes", "api", "--for-user", alice.id(),
                "--duration", "30d", "--store-file", store.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(10);
        Path rescued;
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("state/rescue"))) {
            rescued = files.findFirst().orElseThrow();
        }
        String id = rescued.getFileName().toString().replace("create-gitlab-", "").replace(".secret", "");
        assertThat(r.err()).isEqualTo("patkit: The new gitlab token " + id + " was created but could not be stored in "
                + store + " (Could not store the secret 'new-token' in " + dir + " (FileSystemException)). Its secret is"
                + " kept in " + rescued + " (readable by you only): move it where it belongs, or revoke token " + id + ".\n");
        assertThat(Files.getPosixFilePermissions(rescued)).isEqualTo(java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-------"));
        String secret = Files.readString(rescued).strip();
        assertThat(forges.gitlab().standing(secret).toString()).contains("ACTIVE");
        assertThat(r.out()).doesNotContain(secret);
        Leaks.assertNotLogged(secret);
    }

    @Test
    void errors_nameCliFlags_notJavaMethods() {
        Result r = run("create", "--provider", "gitlab", "--name", "ci", "--scopes", "api", "--show-secret");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--for-user USER_ID").doesNotContain("TokenSpec").doesNotContain("forOwner");
    }

    @Test
    void rotateAndRevoke_acceptAUniqueName_andGitHubRevokeSaysItIsUnconfirmed() throws Exception {
        FakeToken target = forges.gitlab().addToken(TokenSeed.named("deploy").owner(alice).scopes("api"));
        Result rotated = run("rotate", "--provider", "gitlab", "--name", "deploy", "--duration", "P10D", "--store-file",
                dir.resolve("deploy").toString(), "--json");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.json().path("oldTokenId").asText()).isEqualTo(target.id());
        assertThat(rotated.json().path("newExpiresOn").asText()).isEqualTo(today.plusDays(10).toString());
        Leaks.assertNotLogged(Files.readString(dir.resolve("deploy")).strip());
        Result revoked = run("revoke", "--provider", "gitlab", "--name", "deploy", "--json");
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(revoked.json().path("revoked").asText()).isEqualTo(rotated.json().path("newTokenId").asText());
        assertThat(run("revoke", "--provider", "gitlab", "--id", "1", "--name", "x").code()).isEqualTo(2);

        env.put("GITHUB_TOKEN", github.secret());
        env.put("GITHUB_URL", forges.github().baseUri().toString());
        Result gh = run("revoke", "--provider", "github", "--id", "self");
        assertThat(gh.code()).as(gh.err()).isZero();
        assertThat(gh.err()).contains("GitHub does not confirm whether the token existed");
    }

    @Test
    void servicestageRegister_refusesADeadToken_andUsageListsEveryFlag() {
        FakeToken iam = forges.servicestage().link(forges.gitlab()).addIamToken();
        env.put("SERVICESTAGE_TOKEN", iam.secret());
        env.put("SERVICESTAGE_URL", forges.servicestage().baseUri() + "/v1/" + forges.servicestage().projectId());
        forges.gitlab().revoke(admin);
        Result r = run("servicestage", "register", "--name", "ci-gitlab", "--token-provider", "gitlab");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("The gitlab token is REVOKED; ServiceStage would hold a dead token.");
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).isEmpty();
        Result help = run("help", "servicestage", "register");
        assertThat(help.out()).contains("--name=NAME").contains("--token-provider=ID").contains("--token-file=FILE")
                .contains("--repo-type=TYPE").contains("--host=URL");
        Leaks.assertNotLogged(iam.secret());
    }

    @Test
    void setupGit_completion_andVersion() throws Exception {
        Result dry = run("setup-git", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        String host = forges.gitlab().rootUri().getAuthority();
        assertThat(dry.out()).isEqualTo("git config --global --replace-all credential.http://" + host + ".helper ''\n"
                + "git config --global --add credential.http://" + host + ".helper '!'\\''patkit'\\'' git-credential'\n");
        Result json = run("setup-git", "--dry-run", "--json");
        assertThat(json.out()).contains("\"key\" : \"credential.http://" + host + ".helper\"")
                .contains("\"helper\" : \"!'patkit' git-credential\"").contains("\"written\" : false");
        assertThat(run("completion", "zsh").out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
        assertThat(run("completion", "fish").code()).isEqualTo(2);
        assertThat(run("--version").out()).startsWith("patkit ");
    }

    /** Every exit code of 'patkit help exit-codes' is reachable. */
    @Test
    void everyDocumentedExitCode_isReachable() throws Exception {
        assertThat(run("status").code()).isZero();
        assertThat(run("audit", "--within", "1y").code()).as("expiring within a year").isEqualTo(1);
        assertThat(run("list").code()).isEqualTo(2);
        assertThat(run("revoke", "--provider", "gitlab", "--name", "no-such-token").code()).isEqualTo(5);
        env.put("GITHUB_TOKEN", github.secret());
        env.put("GITHUB_URL", forges.github().baseUri().toString());
        assertThat(run("create", "--provider", "github", "--name", "x", "--scopes", "repo", "--show-secret").code())
                .isEqualTo(8);
        forges.gitlab().failNext("GET", ".*/personal_access_tokens.*", FakeFailure.status(403));
        assertThat(run("list", "--provider", "gitlab").code()).isEqualTo(4);

        forges.gitlab().failNext("POST", ".*/personal_access_tokens/self/rotate", FakeFailure.lostResponse());
        Result lost = run("rotate", "--provider", "gitlab", "--id", "self", "--duration", "30d", "--store-file",
                dir.resolve("rotated").toString());
        assertThat(lost.code()).as(lost.err()).isEqualTo(9);
        Result again = run("rotate", "--provider", "gitlab", "--id", "self", "--duration", "30d", "--store-file",
                dir.resolve("rotated").toString());
        assertThat(again.code()).as("never sent twice").isEqualTo(9);
        assertThat(again.err()).contains("will not");
        assertThat(forges.gitlab().wireMock().findAll(postRequestedFor(urlMatching(".*/rotate")))).hasSize(1);

        assertThat(run("list", "--provider", "gitlab").code()).as("the rotated-away token").isEqualTo(3);

        env.put("GITLAB_URL", "http://127.0.0.1:1");
        assertThat(run("list", "--provider", "gitlab").code()).isEqualTo(7);
    }

    @Test
    void rateLimited_exitsSix() {
        forges.gitlab().rateLimit(1);
        long start = System.nanoTime();
        Result r = run("revoke", "--provider", "gitlab", "--name", "admin");
        assertThat(r.code()).as(r.err()).isEqualTo(6);
        assertThat(r.err()).startsWith("patkit: ");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
    }
}
