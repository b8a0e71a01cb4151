package dev.patkit.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.GitHttpBackend;
import dev.patkit.testkit.TokenSeed;
import dev.patkit.testkit.TokenStanding;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * JGit clones over HTTP from {@code git http-backend} with a {@link PatkitCredentialsProvider}. The
 * server accepts, as the password, only a token the fake GitLab says is active.
 */
class JGitCloneTest {

    @RegisterExtension
    FakeGitLab gitlab = FakeGitLab.create();

    @TempDir
    Path dir;

    private final String secret = Canary.gitlab();
    private FakeToken token;
    private GitHttpBackend server;
    private Patkit patkit;
    private ProviderClient client;

    @BeforeEach
    void setUp() throws Exception {
        LogCapture.clear();
        token = gitlab.addToken(TokenSeed.named("git").owner(gitlab.addUser("dev", "Dev"))
                .scopes("read_repository").secret(secret));
        Path repos = Files.createDirectories(dir.resolve("repos"));
        Path work = dir.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README"), "hello from patkit\n");
            git.add().addFilepattern("README").call();
            git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        Git.cloneRepository().setURI(work.toUri().toString()).setBare(true)
                .setDirectory(repos.resolve("demo.git").toFile()).call().close();
        server = new GitHttpBackend(repos, password -> gitlab.standing(password) == TokenStanding.ACTIVE);
        patkit = Patkit.create();
        client = patkit.client("gitlab", gitlab.baseUri(), Token.of(secret));
    }

    @AfterEach
    void tearDown() {
        server.close();
        patkit.close();
        Leaks.assertNotLogged(secret);
    }

    private Git cloneInto(String folder, PatkitCredentialsProvider credentials) throws Exception {
        return Git.cloneRepository().setURI(server.url("demo.git")).setDirectory(dir.resolve(folder).toFile())
                .setCredentialsProvider(credentials).call();
    }

    @Test
    void clone_succeedsWithTheToken_thenFailsCleanlyOnceTheTokenIsRevoked() throws Exception {
        try (Git clone = cloneInto("first", PatkitCredentialsProvider.of(client))) {
            assertThat(clone.getRepository().resolve("HEAD")).isNotNull();
            assertThat(dir.resolve("first/README")).hasContent("hello from patkit");
        }
        assertThat(server.users()).isNotEmpty().containsOnly("patkit");

        gitlab.revoke(token);
        int before = server.users().size();
        assertThatThrownBy(() -> cloneInto("second", PatkitCredentialsProvider.of(client)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("gitlab: the token cannot be used for Git: it is REVOKED. Create or rotate a new one.")
                .satisfies(e -> Leaks.assertNotIn(e, secret));
        assertThat(server.users()).as("the revoked token was never sent").hasSize(before);
        assertThat(dir.resolve("second/README")).doesNotExist();
    }

    @Test
    void withoutVerification_theServerRejectsTheRevokedToken_andJGitReportsNotAuthorized() throws Exception {
        gitlab.revoke(token);
        PatkitCredentialsProvider unchecked = PatkitCredentialsProvider.builder(client).verify(false).build();

        assertThatThrownBy(() -> cloneInto("third", unchecked))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("not authorized")
                .satisfies(e -> Leaks.assertNotIn(e, secret));
        assertThat(server.users()).isNotEmpty().containsOnly("patkit");
        assertThat(dir.resolve("third/README")).doesNotExist();
    }

    @Test
    void expiredToken_isRefusedBeforeItIsSent() throws Exception {
        FakeToken expiring = gitlab.addToken(TokenSeed.named("old").owner(gitlab.addUser("ops", "Ops"))
                .scopes("read_repository").secret(Canary.gitlab())
                .expiresOn(java.time.LocalDate.parse("2026-12-01")));
        gitlab.setNow(java.time.Instant.parse("2026-12-01T00:00:01Z"));
        ProviderClient old = patkit.client("gitlab", gitlab.baseUri(), Token.of(expiring.secret()));

        assertThatThrownBy(() -> cloneInto("fourth", PatkitCredentialsProvider.of(old)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("gitlab: the token cannot be used for Git: it is EXPIRED. Create or rotate a new one.")
                .satisfies(e -> Leaks.assertNotIn(e, expiring.secret()));
        assertThat(server.users()).isEmpty();
        assertThat(new File(dir.toFile(), "fourth/README")).doesNotExist();
    }

    @Test
    void credentialsAreNotGivenToAnotherHost() throws Exception {
        PatkitCredentialsProvider provider = PatkitCredentialsProvider.of(client);
        assertThat(provider.gitHosts()).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> provider.get(new URIish("http://localhost:1/demo.git"),
                new org.eclipse.jgit.transport.CredentialItem.Password()))
                .isInstanceOf(dev.patkit.core.InsecureTransportException.class)
                .hasMessage("gitlab: refusing to send the token to localhost; it is only given to [127.0.0.1]"
                        + " (see PatkitCredentialsProvider.Builder.gitHosts)");
        assertThat(gitlab.wireMock().getAllServeEvents()).as("nothing was inspected").isEmpty();
    }
}
