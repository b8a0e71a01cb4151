package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the command line against the embedded fakes, in this process. */
class CliTest {

    @RegisterExtension
    FakeForges forges = FakeForges.create();

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private FakeUser alice;
    private FakeToken admin;
    private FakeToken github;
    private LocalDate today;
    private final List<String> secrets = new ArrayList<>();

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    @BeforeEach
    void seed() {
        LogCapture.clear();
        today = LocalDate.now(forges.clock().withZone(ZoneOffset.UTC));
        alice = forges.gitlab().addAdmin("alice", "Alice");
        admin = forges.gitlab().addToken(TokenSeed.named("admin").owner(alice).scopes("api", "read_repository")
                .expiresOn(today.plusDays(10)));
        FakeUser octo = forges.github().addUser("octocat", "Octo");
        github = forges.github().addToken(TokenSeed.named("gh").owner(octo).scopes("repo").expiresOn(today.plusDays(100)));
        env.put("HOME", dir.toString());
        env.put("GITLAB_TOKEN", admin.secret());
        env.put("GITLAB_URL", forges.gitlab().baseUri().toString());
        env.put("GITHUB_TOKEN", github.secret());
        env.put("GITHUB_URL", forges.github().baseUri().toString());
        secrets.add(admin.secret());
        secrets.add(github.secret());
    }

    @AfterEach
    void nothingLeaked() {
        for (String s : secrets) {
            Leaks.assertNotLogged(s);
        }
    }

    private Result withInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        for (String s : secrets) {
            assertThat(r.err()).as("stderr").doesNotContain(s);
        }
        return r;
    }

    private Result run(String... args) {
        return withInput("", args);
    }

    @Test
    void inspect_json_reportsEveryConfiguredProvider() {
        Result r = run("inspect", "--json");
        assertThat(r.code()).isZero();
        JsonNode list = r.json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("provider").asText()).isEqualTo("gitlab");
        assertThat(list.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(list.get(0).path("scopes").toString()).isEqualTo("[\"api\",\"read_repository\"]");
        assertThat(list.get(0).path("expiresAt").asText()).isEqualTo(today.plusDays(10) + "T00:00:00Z");
        assertThat(list.get(1).path("account").asText()).isEqualTo("octocat");
        assertThat(list.get(0).path("tokenSource").asText()).isEqualTo("GITLAB_TOKEN");
        assertThat(list.get(1).path("scopesKnown").asBoolean()).isTrue();
        assertThat(r.out()).doesNotContain(admin.secret()).doesNotContain(github.secret());
    }

    @Test
    void inspect_table_andARevokedTokenExitsWithFindings() {
        Result ok = run("inspect", "--provider", "gitlab");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("gitlab  " + forges.gitlab().baseUri().getAuthority())
                .contains("  token:   glpat-**** (fingerprint " + dev.patkit.core.Token.of(admin.secret()).fingerprint()
                        + ")  from GITLAB_TOKEN\n")
                .contains("  status:  ACTIVE\n").contains("  scopes:  api, read_repository\n")
                .contains("  expires: " + today.plusDays(10) + "\n");
        forges.gitlab().revoke(admin);
        Result revoked = run("inspect", "--provider", "gitlab");
        assertThat(revoked.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(revoked.out()).contains("REVOKED");
    }

    @Test
    void list_create_revoke_roundTrip() throws Exception {
        Path store = dir.resolve("new-token");
        Result created = run("create", "--provider", "gitlab", "--name", "ci", "--scopes", "read_repository",
                "--expires", today.plusDays(30).toString(), "--for-user", alice.id(), "--store-file", store.toString(), "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String secret = Files.readString(store).strip();
        secrets.add(secret);
        assertThat(created.out()).doesNotContain(secret);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("fingerprint").asText()).hasSize(8);

        Result listed = run("list", "--provider", "gitlab", "--state", "active", "--json");
        assertThat(listed.code()).isZero();
        assertThat(listed.json().findValuesAsText("name")).contains("admin", "ci");
        assertThat(listed.err()).as("no progress when stderr is not a terminal").isEmpty();

        Result revoked = run("revoke", "--provider", "gitlab", "--id", id, "--json");
        assertThat(revoked.code()).isZero();
        assertThat(revoked.json().path("revoked").asText()).isEqualTo(id);
        env.put("GITLAB_TOKEN", secret);
        assertThat(run("inspect", "--provider", "gitlab", "--json").json().get(0).path("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void create_withShowSecret_printsItOnceAndOnlyOnStdout() {
        Result created = run("create", "--provider", "gitlab", "--name", "ci2", "--scopes", "read_api", "--for-user",
                alice.id(), "--expires", today.plusDays(5).toString(), "--show-secret");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).containsPattern("token: glpat-\\S+");
    }

    @Test
    void rotate_propagatesToServiceStage() throws Exception {
        FakeToken iam = forges.servicestage().link(forges.gitlab()).addIamToken();
        env.put("SERVICESTAGE_TOKEN", iam.secret());
        env.put("SERVICESTAGE_URL", forges.servicestage().baseUri() + "/v1/" + forges.servicestage().projectId());
        secrets.add(iam.secret());
        Result reg = run("servicestage", "register", "--name", "ci-gitlab", "--token-provider", "gitlab", "--json");
        assertThat(reg.code()).as(reg.err()).isZero();
        assertThat(reg.json().path("user").asText()).isEqualTo("alice");

        Path store = dir.resolve("rotated");
        Result r = run("rotate", "--provider", "gitlab", "--id", "self", "--expires", today.plusDays(60).toString(),
                "--store-file", store.toString(), "--servicestage-auth", "ci-gitlab", "--journal", dir.resolve("journal").toString(),
                "--plan", "p1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String fresh = Files.readString(store).strip();
        secrets.add(fresh);
        assertThat(r.json().path("newFingerprint").asText()).isEqualTo(dev.patkit.core.Token.of(fresh).fingerprint());
        assertThat(r.err()).contains("ROTATE").contains("RETIRE");
        assertThat(r.err()).contains("RETIRE   DONE     servicestage:ci-gitlab - now ci-gitlab");
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId()))
                .containsExactly("ci-gitlab");
        assertThat(r.json().path("servicestage").path("servicestage:ci-gitlab").asText()).isEqualTo("ci-gitlab");
        assertThat(r.json().path("newExpiresOn").asText()).isEqualTo(today.plusDays(60).toString());
        assertThat(Files.readString(dir.resolve("journal/p1.jsonl"))).doesNotContain(fresh).doesNotContain(admin.secret());

        Result list = run("servicestage", "list", "--json");
        assertThat(list.json()).hasSize(1);
        Result deleted = run("servicestage", "delete", "--name", list.json().get(0).path("name").asText());
        assertThat(deleted.code()).isZero();
    }

    @Test
    void audit_reportsFindingsAndExitsOne() {
        Result r = run("audit", "--within", "30d", "--needs", "gitlab:read_repository", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.json().path("findings").findValuesAsText("kind")).containsExactly("EXPIRES_SOON");
        assertThat(r.json().path("notes").findValuesAsText("kind")).containsExactly("BROADER_THAN_NEEDED");
        Result table = run("audit", "--within", "5d");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("FINDINGS");
    }

    @Test
    void gitCredential_answersForTheConfiguredHost() {
        String host = forges.gitlab().baseUri().getHost() + ":" + forges.gitlab().baseUri().getPort();
        env.remove("GITHUB_TOKEN");
        env.put("GITLAB_TOKEN_EXPIRES", today.plusDays(10).toString());
        Result r = withInput("protocol=http\nhost=" + host + "\npath=group/repo.git\n\n", "git-credential", "get");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("username=patkit\npassword=" + admin.secret() + "\npassword_expiry_utc="
                + today.plusDays(10).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "\n");
        assertThat(withInput("protocol=http\nhost=example.com\n\n", "git-credential", "get").code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(withInput("protocol=https\nhost=other.example\n\n", "git-credential", "get").out()).isEmpty();
        assertThat(withInput("protocol=https\nhost=x\n\n", "git-credential", "store").code()).isZero();
        assertThat(withInput("", "git-credential", "erase").code()).isZero();
    }

    @Test
    void badInput_givesClearMessagesAndUsageExitCode() {
        Result unknownProvider = run("list", "--provider", "gitea");
        assertThat(unknownProvider.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownProvider.err()).contains("Unknown provider 'gitea'").contains("[gitlab, github, atomgit, servicestage]");

        env.remove("GITLAB_TOKEN");
        Result missing = run("inspect", "--provider", "gitlab");
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("No token configured for gitlab").contains("GITLAB_TOKEN");

        Result duration = run("audit", "--within", "thirty");
        assertThat(duration.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(duration.err()).isEqualTo("patkit: --within takes a duration such as 30d, 4w, 1y, 12h or P30D; not 'thirty'.\n");

        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("create", "--provider", "gitlab").err()).isEqualTo("patkit create: missing '--name=NAME', '--scopes=SCOPE'."
                + " Run 'patkit help create'.\n");
        assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--help").out()).contains("patkit help exit-codes");
        assertThat(run("help", "exit-codes").out()).contains("Exit codes (the same for every command):");
        env.put("GITLAB_TOKEN", "has space");
        assertThat(run("inspect", "--provider", "gitlab").err()).contains("white space").doesNotContain("has space");
    }

    @Test
    void providerErrors_mapToDocumentedExitCodes() {
        forges.gitlab().revoke(admin);
        Result r = run("list", "--provider", "gitlab");
        assertThat(r.code()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(r.err()).contains("401");
        Result unsupported = run("rotate", "--provider", "github", "--id", "1", "--show-secret");
        assertThat(unsupported.code()).isEqualTo(ExitCodes.USAGE);
        Result create = run("create", "--provider", "github", "--name", "x", "--scopes", "repo", "--show-secret");
        assertThat(create.code()).isEqualTo(ExitCodes.UNSUPPORTED);
        assertThat(create.err()).contains(forges.github().rootUri() + "/settings/tokens/new?scopes=repo&description=x");
    }

    @Test
    void servicestageReplaceAndDelete_withJson() throws Exception {
        FakeToken iam = forges.servicestage().link(forges.gitlab()).addIamToken();
        secrets.add(iam.secret());
        Path iamFile = Files.writeString(dir.resolve("iam"), iam.secret() + "\n");
        Path config = Files.writeString(dir.resolve("patkit.properties"), "servicestage.token-file=" + iamFile + "\n"
                + "servicestage.url=" + forges.servicestage().baseUri() + "/v1/" + forges.servicestage().projectId() + "\n");
        assertThat(run("servicestage", "register", "--config", config.toString(), "--name", "old-auth",
                "--token-provider", "gitlab").code()).isZero();

        FakeToken next = forges.gitlab().addToken(TokenSeed.named("next").owner(alice).scopes("read_repository"));
        secrets.add(next.secret());
        Path nextFile = Files.writeString(dir.resolve("next"), next.secret() + "\n");
        Result replaced = run("servicestage", "replace", "--config", config.toString(), "--name", "old-auth",
                "--new-name", "new-auth", "--token-file", nextFile.toString(), "--repo-type", "gitlab", "--json");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(replaced.json().path("succeeded").asBoolean()).isTrue();
        assertThat(replaced.json().path("oldKept").asBoolean()).isFalse();
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).containsExactly("new-auth");

        Result deleted = run("servicestage", "delete", "--config", config.toString(), "--name", "new-auth", "--json");
        assertThat(deleted.code()).isZero();
        assertThat(deleted.json().path("deleted").asText()).isEqualTo("new-auth");
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).isEmpty();

        Result unknownAction = run("servicestage", "frob", "--config", config.toString());
        assertThat(unknownAction.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownAction.err()).isEqualTo("patkit servicestage: unknown command 'frob'. Run 'patkit help servicestage'.\n");
        assertThat(run("inspect", "--config", dir.resolve("missing.properties").toString()).err())
                .contains("does not exist");
    }
}
