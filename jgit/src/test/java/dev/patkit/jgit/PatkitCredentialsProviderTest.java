package dev.patkit.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.core.testing.StubClient;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.testkit.FakeGitHub;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.TokenSeed;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatkitCredentialsProviderTest {

    @RegisterExtension
    static FakeGitHub github = FakeGitHub.create();

    private final String secret = Canary.githubClassic();

    /** A client that never reaches a network: it only hands out git credentials with a known expiry. */
    private ProviderClient offline(String api, Instant expiresAt) {
        Token token = Token.of(secret);
        return new StubClient("demo", URI.create(api), () -> {
            throw new AssertionError("offline: no inspection expected");
        }, TokenFamily.none("demo", "demo tokens")) {
            @Override
            public GitCredentials gitCredentials() {
                return new GitCredentials("demo-user", token, Optional.ofNullable(expiresAt));
            }
        };
    }

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void github_answersWithXAccessTokenAndTheToken_forGithubDotCom() throws Exception {
        FakeToken t = github.addToken(TokenSeed.named("ci").owner(github.addUser("octo", "Octo")).scopes("repo")
                .secret(secret));
        try (Patkit patkit = Patkit.create()) {
            ProviderClient client = patkit.client("github", github.baseUri(), Token.of(t.secret()));
            PatkitCredentialsProvider provider = PatkitCredentialsProvider.of(client);
            CredentialItem.Username user = new CredentialItem.Username();
            CredentialItem.Password password = new CredentialItem.Password();

            assertThat(provider.get(new URIish(github.baseUri().resolve("/octo/app.git").toString()), user, password)).isTrue();

            assertThat(user.getValue()).isEqualTo("x-access-token");
            assertThat(new String(password.getValue())).isEqualTo(secret);
            assertThat(provider.isInteractive()).isFalse();
            assertThat(provider.toString()).doesNotContain(secret);
        }
    }

    @Test
    void defaultHosts_areTheApiHostAndItsNameWithoutApi() {
        assertThat(PatkitCredentialsProvider.of(offline("https://api.github.com", null)).gitHosts())
                .containsExactly("api.github.com", "github.com");
        assertThat(PatkitCredentialsProvider.of(offline("https://gitlab.example.com/gitlab/api/v4", null)).gitHosts())
                .containsExactly("gitlab.example.com");
    }

    @Test
    void plainHttpToAHostThatIsNotLoopback_isRefused() {
        PatkitCredentialsProvider provider = PatkitCredentialsProvider.builder(offline("https://git.example.com", null))
                .verify(false).build();
        assertThatThrownBy(() -> provider.get(new URIish("http://git.example.com/app.git"), new CredentialItem.Password()))
                .isInstanceOf(InsecureTransportException.class)
                .hasMessage("demo: refusing to send the token over plain http to git.example.com; use https (plain http"
                        + " is allowed only to a loopback address)");
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1.example.com", "localhost.example.com", "127.0.0.1.nip.io", "1270.0.0.1"})
    void plainHttpToANameThatOnlyStartsLikeLoopback_isRefused(String host) {
        PatkitCredentialsProvider provider = PatkitCredentialsProvider.builder(offline("https://forge.example", null))
                .gitHosts(host).verify(false).build();
        assertThatThrownBy(() -> provider.get(new URIish("http://" + host + "/app.git"), new CredentialItem.Password()))
                .isInstanceOf(InsecureTransportException.class)
                .hasMessageContaining("refusing to send the token over plain http");
    }

    @Test
    void httpsToTheForge_answersWithTheProvidersUserName_withoutInspecting_whenVerifyIsOff() throws Exception {
        PatkitCredentialsProvider provider = PatkitCredentialsProvider.builder(offline("https://api.forge.example", null))
                .verify(false).build();
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        assertThat(provider.get(new URIish("https://forge.example/a/b.git"), user, password)).isTrue();
        assertThat(user.getValue()).isEqualTo("demo-user");
        assertThat(new String(password.getValue())).isEqualTo(secret);
    }

    @Test
    void aKnownExpiryInThePast_isRefusedOffline_andOneInTheFutureIsNot() throws Exception {
        URIish uri = new URIish("https://forge.example/a.git");
        PatkitCredentialsProvider expired = PatkitCredentialsProvider
                .builder(offline("https://forge.example", Instant.parse("2026-11-30T11:59:59Z")))
                .verify(false).clock(NOW).build();
        assertThatThrownBy(() -> expired.get(uri, new CredentialItem.Password()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("demo: the token cannot be used for Git: it expired at 2026-11-30T11:59:59Z. Create or rotate a new one.")
                .satisfies(e -> Leaks.assertNotIn(e, secret));

        PatkitCredentialsProvider valid = PatkitCredentialsProvider
                .builder(offline("https://forge.example", Instant.parse("2026-11-30T12:00:01Z")))
                .verify(false).clock(NOW).build();
        assertThat(valid.get(uri, new CredentialItem.Password())).isTrue();
    }

    @Test
    void sshAndOtherTransports_getNoAnswer_andOtherPromptsAreUnsupported() throws Exception {
        PatkitCredentialsProvider provider = PatkitCredentialsProvider.builder(offline("https://forge.example", null))
                .verify(false).build();
        assertThat(provider.get(new URIish("ssh://git@forge.example/a.git"), new CredentialItem.Password())).isFalse();
        assertThat(provider.supports(new CredentialItem.Username(), new CredentialItem.Password())).isTrue();
        assertThat(provider.supports(new CredentialItem.YesNoType("Trust?"))).isFalse();
        assertThatThrownBy(() -> provider.get(new URIish("https://forge.example/a.git"), new CredentialItem.YesNoType("Trust?")))
                .isInstanceOf(UnsupportedCredentialItem.class);
    }

    @Test
    void gitHosts_replacesTheDefault() throws Exception {
        PatkitCredentialsProvider provider = PatkitCredentialsProvider.builder(offline("https://api.forge.example", null))
                .gitHosts("Git.Forge.Example").verify(false).build();
        assertThat(provider.gitHosts()).containsExactly("git.forge.example");
        assertThat(provider.get(new URIish("https://git.forge.example/a.git"), new CredentialItem.Password())).isTrue();
        assertThatThrownBy(() -> provider.get(new URIish("https://forge.example/a.git"), new CredentialItem.Password()))
                .isInstanceOf(InsecureTransportException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "localhost, true", "LOCALHOST, true", "127.0.0.1, true", "127.255.3.4, true", "[::1], true", "::1, true",
        "[0:0:0:0:0:0:0:1], true",
        "localhost.evil, false", "127.0.0.1.example.com, false", "127.0.0.256, false", "128.0.0.1, false",
        "[::2], false", "localhostx, false", "127.1, false", "'', false", "example.com, false"})
    void loopback_isDecidedByCoresRule(String host, boolean loopback) {
        // The credentials provider applies core's one rule (SecureTransportTest decides every spelling).
        assertThat(dev.patkit.core.SecureTransport.isLoopback(host)).isEqualTo(loopback);
    }
}
