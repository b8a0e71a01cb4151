package dev.patkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve scheduled rotations of one GitLab token that rotates itself and is propagated into
 * ServiceStage, each by the same command, with a failure injected at a different step in some
 * months (a destination check, the store, the forge, ServiceStage's create, its verify, its delete,
 * a lost answer), each followed by the same command again.
 */
class TwelveRotationsTest {

    static final String ROTATE = ".*/personal_access_tokens/self/rotate";
    static final String AUTH = "bot-gl";

    @RegisterExtension
    FakeForges forges = FakeForges.create();

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result scheduled(Path store) {
        return run("rotate", "--provider", "gitlab", "--id", "self", "--store-file", store.toString(),
                "--servicestage-auth", AUTH, "--json");
    }

    private int rotatePosts() {
        return forges.gitlab().wireMock().findAll(postRequestedFor(urlMatching(ROTATE))).size();
    }

    @Test
    void twelveScheduledRotations_withFailures_endWithOneActiveTokenStoredAndRegisteredUnderItsName() throws Exception {
        LogCapture.clear();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FakeUser alice = forges.gitlab().addAdmin("alice", "Alice");
        FakeToken admin = forges.gitlab().addToken(TokenSeed.named("admin").owner(alice).scopes("api"));
        FakeToken bot = forges.gitlab().addToken(TokenSeed.named("bot").owner(alice).scopes("api")
                .expiresOn(today.plusDays(30)));
        FakeToken iam = forges.servicestage().link(forges.gitlab()).addIamToken();
        Path store = Files.writeString(dir.resolve("bot"), bot.secret() + "\n");
        env.put("HOME", dir.toString());
        env.put("PATKIT_STATE_DIR", dir.resolve("state").toString());
        env.put("GITLAB_TOKEN_FILE", store.toString());
        env.put("GITLAB_URL", forges.gitlab().rootUri().toString());
        env.put("SERVICESTAGE_TOKEN", iam.secret());
        env.put("SERVICESTAGE_URL", forges.servicestage().baseUri() + "/v1/" + forges.servicestage().projectId());
        String project = forges.servicestage().projectId();
        assertThat(run("servicestage", "register", "--name", AUTH, "--token-provider", "gitlab").code()).isZero();

        int expectedPosts = 0;
        for (int month = 1; month <= 12; month++) {
            Result first;
            switch (month) {
                case 2 -> {
                    // The store breaks while the forge rotates: the secret goes to a 0600 rescue file.
                    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
                    forges.gitlab().wireMock().addMockServiceRequestListener((request, response) -> {
                        if (request.getMethod().getName().equals("POST") && request.getUrl().matches(ROTATE)
                                && once.compareAndSet(false, true)) {
                            try {
                                Files.delete(store);
                                Files.createDirectories(store.resolve("in-the-way"));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
                    first = scheduled(store);
                    expectedPosts++;
                    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OTHER);
                    assertThat(first.err()).contains("The new token was NOT revoked; its secret is kept in "
                            + dir.resolve("state/journal")).contains(".secret");
                    Path rescued;
                    try (Stream<Path> files = Files.list(dir.resolve("state/journal"))) {
                        rescued = files.filter(f -> f.toString().endsWith(".secret")).findFirst().orElseThrow();
                    }
                    assertThat(Files.getPosixFilePermissions(rescued)).hasSize(2);
                    assertThat(forges.gitlab().standing(Files.readString(rescued).strip()).toString()).contains("ACTIVE");
                    try (Stream<Path> inTheWay = Files.walk(store)) {
                        inTheWay.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                case 3 -> {
                    // A destination fails its check: exit 2, nothing changed at the forge.
                    Path journal = dir.resolve("state/journal");
                    Path aside = Files.move(journal, dir.resolve("journal-aside"));
                    Files.writeString(journal, "not a directory");
                    first = scheduled(store);
                    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.USAGE);
                    assertThat(first.err()).contains("Nothing was changed");
                    Files.delete(journal);
                    Files.move(aside, journal);
                }
                case 4 -> {
                    forges.gitlab().failNext("POST", ROTATE, FakeFailure.status(403));
                    first = scheduled(store);
                    expectedPosts++;
                    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.PERMISSION);
                }
                case 6 -> {
                    forges.servicestage().failNext("POST", ".*/git/auths/gitlab/personal", FakeFailure.status(400,
                            "{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"injected failure\"}"));
                    first = scheduled(store);
                    expectedPosts++;
                    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OTHER);
                    assertThat(first.err()).contains("INSTALL failed for servicestage:" + AUTH);
                    assertThat(forges.servicestage().authorizationNames(project)).containsExactly(AUTH);
                }
                case 8 -> {
                    forges.servicestage().failNext("GET", ".*/git/repos/namespaces", FakeFailure.status(400,
                            "{\"error_code\":\"SVCSTG.REPO.0451\",\"error_msg\":\"injected failure\"}"));
                    first = scheduled(store);
                    expectedPosts++;
                    assertThat(first.code()).as(first.err()).isNotZero();
                    assertThat(forges.servicestage().authorizationNames(project)).contains(AUTH).hasSize(2);
                }
                case 10 -> {
                    forges.servicestage().failNext("DELETE", ".*/git/auths/" + AUTH, FakeFailure.status(400,
                            "{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"injected failure\"}"));
                    first = scheduled(store);
                    expectedPosts++;
                    assertThat(first.code()).as(first.err()).isNotZero();
                    assertThat(forges.servicestage().authorizationNames(project)).contains(AUTH).hasSize(2);
                }
                case 11 -> {
                    // Re-creating under the original name fails after the old authorization was deleted:
                    // the temporary authorization holds the working token until the same command runs again.
                    java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
                    forges.servicestage().wireMock().addMockServiceRequestListener((request, response) -> {
                        if (request.getMethod().getName().equals("DELETE") && request.getUrl().endsWith("/git/auths/" + AUTH)
                                && armed.compareAndSet(false, true)) {
                            forges.servicestage().failNext("POST", ".*/git/auths/gitlab/personal", FakeFailure.status(400,
                                    "{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"injected failure\"}"));
                        }
                    });
                    first = scheduled(store);
                    expectedPosts++;
                    assertThat(first.code()).as(first.err()).isNotZero();
                    assertThat(forges.servicestage().authorizationNames(project)).hasSize(1).first().asString()
                            .startsWith(AUTH + "-r");
                }
                case 12 -> {
                    // The answer to the temporary authorization's create is lost after ServiceStage acted.
                    forges.servicestage().failNext("POST", ".*/git/auths/gitlab/personal", FakeFailure.lostResponse());
                    first = scheduled(store);
                    expectedPosts++;
                }
                default -> first = null;
            }
            Result r = scheduled(store);
            if (first == null || first.code() == 0 || month == 3 || month == 4) {
                expectedPosts++; // the forge had not rotated: the same command rotates now
            }
            assertThat(r.code()).as("month " + month + ": " + r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.path("servicestage").path("servicestage:" + AUTH).asText()).isEqualTo(AUTH);
            assertThat(json.path("stored").asText()).isEqualTo(store.toString());
            assertThat(json.path("newExpiresOn").asText()).as("month " + month + ": the lifetime is kept, also when resumed")
                    .isEqualTo(today.plusDays(30).toString());
            assertThat(Token.of(Files.readString(store).strip()).fingerprint()).isEqualTo(json.path("newFingerprint").asText());
            assertThat(forges.servicestage().authorizationNames(project)).containsExactly(AUTH);
            assertThat(rotatePosts()).as("month " + month).isEqualTo(expectedPosts);
        }

        String secret = Files.readString(store).strip();
        assertThat(forges.gitlab().standing(secret).toString()).contains("ACTIVE");
        try (Patkit patkit = Patkit.create(); Stream<Authorization> tokens = patkit.client("gitlab",
                forges.gitlab().baseUri(), Token.of(admin.secret())).tokens().list(TokenQuery.builder()
                .state(TokenQuery.State.ACTIVE).build())) {
            assertThat(tokens.filter(a -> a.tokenName().orElse("").equals("bot")).toList()).hasSize(1);
        }
        assertThat(forges.servicestage().authorizationNames(project)).containsExactly(AUTH);
        assertThat(forges.servicestage().status(project, AUTH)).contains(0);
        dev.patkit.core.testing.Leaks.assertNotLogged(secret);
        dev.patkit.core.testing.Leaks.assertNotLogged(iam.secret());
    }
}
