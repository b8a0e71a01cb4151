package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static dev.patkit.github.GitHubForge.client;
import static dev.patkit.github.GitHubForge.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.Capability;
import dev.patkit.core.Permission;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.ProviderHarness;
import dev.patkit.github.internal.GitHubJson;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubUnsupportedAndScopesTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    @Test
    void create_withScopes_givesThePrefilledClassicLink() {
        TokenSpec spec = TokenSpec.of("release bot", List.of("repo", "admin:org"));

        assertThatThrownBy(() -> client(forge).tokens().create(spec))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                    assertThat(e.capability()).isEqualTo(Capability.CREATE);
                    assertThat(e.link()).contains(URI.create(
                            webBase() + "/settings/tokens/new?scopes=repo,admin:org&description=release%20bot"));
                    assertThat(e.getMessage()).contains("/settings/tokens/new?scopes=repo,admin:org");
                });
        forge.wm().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void create_onGitHubCom_linksToGitHubCom_andUsesTheDescription() {
        TokenSpec spec = TokenSpec.of("ci", List.of("workflow"), LocalDate.of(2030, 1, 1)).withDescription("CI & deploy");

        assertThatThrownBy(() -> forge.patkit().client("github", token(forge)).tokens().create(spec))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> assertThat(e.link()).contains(
                        URI.create("https://github.com/settings/tokens/new?scopes=workflow&description=CI%20%26%20deploy")));
    }

    @Test
    void create_withoutScopes_givesTheFineGrainedPage_andGhesLinksToItsHost() {
        assertThatThrownBy(() -> forge.patkit().client("github", URI.create("https://ghe.example.com/api/v3"), token(forge))
                .tokens().create(TokenSpec.of("x", List.of())))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> assertThat(e.link())
                        .contains(URI.create("https://ghe.example.com/settings/personal-access-tokens/new")));
    }

    @Test
    void create_withAnUnknownScope_listsTheValidOnes() {
        assertThatThrownBy(() -> client(forge).tokens().create(TokenSpec.of("x", List.of("repo", "write:everything"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("write:everything")
                .hasMessageContaining("admin:org");
    }

    @Test
    void rotateListAndGet_areUnsupported_withLinksForTheTokenKind() {
        GitHubClient classic = client(forge);
        GitHubClient fineGrained = client(forge, Token.of(Canary.githubFineGrained()));

        assertThatThrownBy(() -> classic.tokens().rotate("1"))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                    assertThat(e.capability()).isEqualTo(Capability.ROTATE);
                    assertThat(e.link()).contains(URI.create(webBase() + "/settings/tokens/new"));
                    assertThat(e.hint()).contains("revoke(\"self\")");
                });
        assertThatThrownBy(() -> fineGrained.tokens().rotate("1"))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> assertThat(e.link())
                        .contains(URI.create(webBase() + "/settings/personal-access-tokens/new")));
        assertThatThrownBy(() -> classic.tokens().list(TokenQuery.all()))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                    assertThat(e.link()).contains(URI.create(webBase() + "/settings/tokens"));
                    assertThat(e.hint()).contains("listGrants");
                });
        assertThatThrownBy(() -> fineGrained.tokens().get("1"))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> assertThat(e.link())
                        .contains(URI.create(webBase() + "/settings/personal-access-tokens")));
        forge.wm().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void scopeCatalogue_knowsTheParentChildTable() {
        Scopes repo = Scopes.of(List.of("repo"), GitHubScopes.CATALOGUE);
        assertThat(repo.effective()).containsExactlyInAnyOrder("repo", "repo:status", "repo_deployment", "public_repo",
                "repo:invite", "security_events");

        Scopes org = Scopes.of(List.of("admin:org", "user", "admin:repo_hook"), GitHubScopes.CATALOGUE);
        assertThat(org.allows("read:org")).isEqualTo(Permission.ALLOWED);
        assertThat(org.allows("write:org")).isEqualTo(Permission.ALLOWED);
        assertThat(org.allows("user:email")).isEqualTo(Permission.ALLOWED);
        assertThat(org.allows("read:repo_hook")).isEqualTo(Permission.ALLOWED);
        assertThat(org.allows("repo")).isEqualTo(Permission.DENIED);

        Scopes readOrg = Scopes.of(List.of("read:org", "brand_new_scope"), GitHubScopes.CATALOGUE);
        assertThat(readOrg.allows("admin:org")).isEqualTo(Permission.DENIED);
        assertThat(readOrg.names()).contains("brand_new_scope");
        assertThat(GitHubScopes.CATALOGUE.find("admin:gpg_key").orElseThrow().implies()).containsExactly("write:gpg_key");
        assertThat(GitHubScopes.CATALOGUE.closure(List.of("project"))).contains("read:project");
        assertThat(GitHubScopes.CATALOGUE.contains("site_admin")).isTrue();
        assertThat(GitHubScopes.CATALOGUE.contains("delete_repo")).isTrue();
        assertThat(GitHubScopes.CATALOGUE.contains("workflow")).isTrue();
    }

    @Test
    void expiryHeader_bothFormsAndGarbage() {
        assertThat(GitHubJson.parseExpiry("2021-09-03 14:34:04 UTC")).contains(Instant.parse("2021-09-03T14:34:04Z"));
        assertThat(GitHubJson.parseExpiry("2023-04-26 20:23:26 +0200")).contains(Instant.parse("2023-04-26T18:23:26Z"));
        assertThat(GitHubJson.parseExpiry("2023-04-26 20:23:26 -0700")).contains(Instant.parse("2023-04-27T03:23:26Z"));
        assertThat(GitHubJson.parseExpiry("tomorrow")).isEmpty();
        assertThat(GitHubJson.parseExpiry("")).isEmpty();
        // The in-place reading of the UTC form refuses what a formatter refuses, and agrees with it.
        assertThat(GitHubJson.parseExpiry(" 2024-02-29 23:59:59 UTC ")).contains(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(GitHubJson.parseExpiry("2024-02-30 10:00:00 UTC")).isEmpty();
        assertThat(GitHubJson.parseExpiry("2023-13-01 10:00:00 UTC")).isEmpty();
        assertThat(GitHubJson.parseExpiry("2023-01-01 24:00:00 UTC")).isEmpty();
        assertThat(GitHubJson.parseExpiry("2023-01-01T10:00:00 UTC")).isEmpty();
        assertThat(GitHubJson.parseExpiry("2023-0a-01 10:00:00 UTC")).isEmpty();
        assertThat(GitHubJson.parseExpiry("2023-01-01 10:00:00 GMT")).contains(Instant.parse("2023-01-01T10:00:00Z"));
        assertThat(GitHubJson.parseExpiry("2023-01-01 10:00:00 +0000")).contains(Instant.parse("2023-01-01T10:00:00Z"));
        assertThat(GitHubJson.parseExpiry("+1999-01-01 10:00:00 UTC")).isEmpty();
    }

    @Test
    void ssoHeader_parsesTheRequiredForm() {
        GitHubSso sso = GitHubSso.parse("required; url=https://github.com/orgs/acme/sso?authorization_request=A1");
        assertThat(sso.required()).isTrue();
        assertThat(sso.authorizeUrl()).contains(URI.create("https://github.com/orgs/acme/sso?authorization_request=A1"));
        assertThat(GitHubSso.parse("required; url=javascript:alert(1)").authorizeUrl()).isEmpty();
    }

    private static String webBase() {
        return forge.wm().baseUrl();
    }
}
