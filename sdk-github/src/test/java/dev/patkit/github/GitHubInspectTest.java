package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.patkit.github.GitHubForge.client;
import static dev.patkit.github.GitHubForge.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Owner;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Permission;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.ValueSource;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubInspectTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    @Test
    void inspect_classicToken_readsOwnerScopesAndUtcExpiry_andSendsGitHubHeaders() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))
                .withHeader("X-OAuth-Scopes", "repo, admin:org, gist")
                .withHeader("GitHub-Authentication-Token-Expiration", "2021-09-03 14:34:04 UTC")));

        Authorization a = client(forge).inspect();

        forge.wm().verify(exactly(1), getRequestedFor(urlEqualTo("/user"))
                .withHeader("Authorization", equalTo("Bearer " + forge.canary()))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", matching("Patkit/.+")));
        assertThat(a.provider()).isEqualTo("github");
        assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(a.owner()).contains(new Owner("583231", Optional.of("octocat"), Optional.of("The Octocat"), Owner.Kind.USER));
        assertThat(a.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
        assertThat(a.scopes().names()).containsExactlyInAnyOrder("repo", "admin:org", "gist");
        assertThat(a.scopes().allows("repo:status")).isEqualTo(Permission.ALLOWED);
        assertThat(a.scopes().allows("read:org")).isEqualTo(Permission.ALLOWED);
        assertThat(a.scopes().allows("workflow")).isEqualTo(Permission.DENIED);
        assertThat(a.expiresAt()).contains(Instant.parse("2021-09-03T14:34:04Z"));
        assertThat(a.tokenKind()).contains("GITHUB_CLASSIC_PAT");
        assertThat(a.raw()).containsEntry("login", "octocat").containsKey("plan");
        assertThat(GitHubSso.of(a)).isEmpty();
        assertThat(a.toString()).doesNotContain(forge.canary());
    }

    @Test
    void inspect_numericOffsetExpiry_isParsed() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))
                .withHeader("X-OAuth-Scopes", "repo")
                .withHeader("GitHub-Authentication-Token-Expiration", "2023-04-26 20:23:26 +0200")));

        assertThat(client(forge).inspect().expiresAt()).contains(Instant.parse("2023-04-26T18:23:26Z"));
    }

    @Test
    void inspect_withoutExpiryHeader_hasNoExpiry_andOlderResponsesParse() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user-old.json")).withHeader("X-OAuth-Scopes", "")));

        Authorization a = client(forge).inspect();

        assertThat(a.expiresAt()).isEmpty();
        assertThat(a.expiresWithin(Duration.ofDays(3650), forge.clock())).isFalse();
        assertThat(a.owner()).contains(new Owner("41898282", Optional.of("release-bot"), Optional.empty(), Owner.Kind.BOT));
        assertThat(a.scopes().isKnown()).isTrue();
        assertThat(a.scopes().names()).isEmpty();
        assertThat(a.raw()).containsKey("some_future_field");
    }

    @Test
    void inspect_fineGrainedToken_reportsScopesAsUnknown() {
        String fg = Canary.githubFineGrained();
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))
                .withHeader("GitHub-Authentication-Token-Expiration", "2026-01-01 00:00:00 UTC")));

        Authorization a = client(forge, Token.of(fg)).inspect();

        assertThat(a.scopes().isKnown()).isFalse();
        assertThat(a.scopes().allows("repo")).isEqualTo(Permission.UNKNOWN);
        assertThat(a.tokenKind()).contains("GITHUB_FINE_GRAINED_PAT");
        assertThat(a.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        forge.wm().verify(getRequestedFor(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + fg)));
        Leaks.assertNotLogged(fg);
    }

    @Test
    void inspect_ssoHeader_isSurfaced() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))
                .withHeader("X-OAuth-Scopes", "repo")
                .withHeader("X-GitHub-SSO", "partial-results; organizations=21955855,20582480")));

        Authorization a = client(forge).inspect();

        GitHubSso sso = GitHubSso.of(a).orElseThrow();
        assertThat(sso.required()).isFalse();
        assertThat(sso.partialOrganizations()).containsExactly("21955855", "20582480");
        assertThat(a.raw()).containsEntry("x-github-sso", "partial-results; organizations=21955855,20582480");
    }

    @Test
    void inspect_rejectedToken_returnsInvalidAuthorization_withoutRetrying() {
        forge.wm().stubFor(get("/user").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        Authorization a = client(forge).inspect();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(a.isActive(forge.clock())).isFalse();
        assertThat(a.scopes().isKnown()).isFalse();
        assertThat(a.owner()).isEmpty();
        forge.wm().verify(exactly(1), getRequestedFor(urlEqualTo("/user")));
    }

    @Test
    void otherCalls_rejectedToken_throwAuthenticationException() {
        forge.wm().stubFor(get("/rate_limit").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));

        assertThatThrownBy(() -> client(forge).fetchRateLimits())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Bad credentials")
                .satisfies(e -> Leaks.assertNotIn(e, forge.canary()));
    }

    @Test
    void inspectingManyRejectedTokens_isSpacedOut_andASuccessResetsTheBackoff() {
        forge.wm().stubFor(get("/user").willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        GitHubClient a = client(forge, Token.of(Canary.githubFineGrained()));
        GitHubClient b = client(forge, Token.of(Canary.githubFineGrained()));
        GitHubClient c = client(forge, Token.of(Canary.githubFineGrained()));

        a.inspect();
        b.inspect();
        c.inspect();
        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))));
        client(forge).inspect();
        client(forge).inspect();
        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void inspect_failedLoginLockout_throws_andHoldsTheNextInspectionBackAMinute() {
        forge.wm().stubFor(get("/user").willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Maximum number of login attempts exceeded. Please try again later.\"}")));

        assertThatThrownBy(() -> client(forge).inspect())
                .isInstanceOf(dev.patkit.github.GitHubLoginLockoutException.class)
                .hasMessageContaining("failed-login lockout");
        forge.wm().verify(exactly(1), getRequestedFor(urlEqualTo("/user")));

        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))));
        client(forge).inspect();
        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void apiVersion_isConfigurable_onTheClientAndTheFactory() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json"))));

        GitHubClient newer = client(forge).withApiVersion("2026-03-10");
        newer.inspect();
        forge.wm().verify(getRequestedFor(urlEqualTo("/user")).withHeader("X-GitHub-Api-Version", equalTo("2026-03-10")));
        assertThat(newer.apiVersion()).isEqualTo("2026-03-10");

        forge.wm().resetRequests();
        try (Patkit custom = Patkit.builder().options(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).build())
                .register(new GitHubClientFactory("2024-01-01")).build()) {
            custom.client("github", URI.create(forge.wm().baseUrl()), token(forge)).inspect();
        }
        forge.wm().verify(getRequestedFor(urlEqualTo("/user")).withHeader("X-GitHub-Api-Version", equalTo("2024-01-01")));
        assertThatThrownBy(() -> client(forge).withApiVersion("latest")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gitHubEnterpriseServer_baseUrl_isUsedAsIs() {
        forge.wm().stubFor(get("/api/v3/user").willReturn(okJson(Fixtures.read(GitHubInspectTest.class, "user.json")).withHeader("X-OAuth-Scopes", "repo")));

        ProviderClient ghes = forge.patkit().client("github", URI.create(forge.wm().baseUrl() + "/api/v3"), token(forge));
        Authorization a = ghes.inspect();

        assertThat(a.host()).isEqualTo(URI.create(forge.wm().baseUrl() + "/api/v3"));
        forge.wm().verify(getRequestedFor(urlEqualTo("/api/v3/user")).withHeader("Authorization", equalTo("Bearer " + forge.canary())));
    }

    @Test
    void provider_isFoundById_andByItsHosts() {
        assertThat(forge.patkit().providers()).contains("github");
        assertThat(forge.patkit().client("github", token(forge)).baseUri()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(forge.patkit().clientForHost(URI.create("https://github.com/octocat/hello"), token(forge)).baseUri())
                .isEqualTo(URI.create("https://api.github.com"));
        assertThat(forge.patkit().clientForHost(URI.create("https://api.github.com"), token(forge)))
                .isInstanceOf(GitHubClient.class);
        GitHubClientFactory f = new GitHubClientFactory();
        assertThat(f.baseUriFor(URI.create("https://ghe.example.com/api/v3/")))
                .contains(URI.create("https://ghe.example.com/api/v3"));
        assertThat(f.baseUriFor(URI.create("https://gitlab.com"))).isEmpty();
        assertThatThrownBy(() -> f.create(null, URI.create("https://api.github.com"), () -> "abcd1234"))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void capabilities_gitCredentials_andToString_neverShowTheToken() {
        GitHubClient c = client(forge);

        assertThat(c.capabilities()).isEqualTo(Set.of(Capability.INSPECT, Capability.REVOKE,
                Capability.GIT_CREDENTIALS, Capability.AUTHENTICATE_REQUESTS));
        GitCredentials git = c.gitCredentials();
        assertThat(git.username()).isEqualTo("x-access-token");
        assertThat(git.password().reveal()).isEqualTo(forge.canary());
        assertThat(git.toString()).doesNotContain(forge.canary());
        assertThat(c.toString()).doesNotContain(forge.canary()).contains("2022-11-28");
    }

    @Test
    void authenticate_addsTheBearerHeaderForTheClientsOriginOnly() {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(forge.wm().baseUrl() + "/repos/a/b"));
        client(forge).authenticate(b);
        assertThat(b.build().headers().firstValue("Authorization")).contains("Bearer " + forge.canary());

        assertThatThrownBy(() -> client(forge).authenticate(java.net.http.HttpRequest.newBuilder(URI.create("https://example.com/"))))
                .isInstanceOf(dev.patkit.core.InsecureTransportException.class)
                .satisfies(e -> Leaks.assertNotIn(e, forge.canary()));
    }
}
