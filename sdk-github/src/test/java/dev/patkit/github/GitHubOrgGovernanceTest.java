package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.patkit.github.GitHubForge.client;
import static dev.patkit.github.GitHubForge.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.Owner;
import dev.patkit.core.PermissionException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubOrgGovernanceTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    @Test
    void listGrants_sendsTheFilters_followsTheLinkHeader_andParsesEveryField() {
        forge.wm().stubFor(get(urlPathEqualTo("/orgs/acme/personal-access-tokens")).atPriority(2).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.read(GitHubOrgGovernanceTest.class, "grants-page2.json"))));
        forge.wm().stubFor(get(urlPathEqualTo("/orgs/acme/personal-access-tokens")).atPriority(1)
                .withQueryParam("per_page", equalTo("50")).withQueryParam("sort", equalTo("created_at"))
                .withQueryParam("direction", equalTo("asc")).withQueryParam("owner[]", equalTo("octocat"))
                .withQueryParam("repository", equalTo("Hello-World")).withQueryParam("permission", equalTo("contents"))
                .withQueryParam("last_used_before", equalTo("2024-06-01T00:00:00Z"))
                .withQueryParam("last_used_after", equalTo("2024-01-01T00:00:00Z"))
                .withQueryParam("token_id[]", equalTo("98716"))
                .willReturn(okJson(Fixtures.read(GitHubOrgGovernanceTest.class, "grants-page1.json")).withHeader("Link",
                        "<" + forge.wm().baseUrl() + "/orgs/acme/personal-access-tokens?per_page=50&page=2>; rel=\"next\", <"
                                + forge.wm().baseUrl() + "/orgs/acme/personal-access-tokens?per_page=50&page=2>; rel=\"last\"")));

        List<FineGrainedTokenGrant> grants = client(forge).listGrants("acme", GrantQuery.builder()
                .owner("octocat").repository("Hello-World").permission("contents")
                .lastUsedBefore(Instant.parse("2024-06-01T00:00:00.123Z")).lastUsedAfter(Instant.parse("2024-01-01T00:00:00Z"))
                .tokenId(98716).ascending(true).perPage(50).build()).toList();

        assertThat(grants).extracting(FineGrainedTokenGrant::id).containsExactly(25381L, 25382L, 25383L);
        FineGrainedTokenGrant g = grants.get(0);
        assertThat(g.owner()).isEqualTo(new Owner("1", Optional.of("octocat"), Optional.empty(), Owner.Kind.USER));
        assertThat(g.repositorySelection()).isEqualTo("all");
        assertThat(g.permissions()).isEqualTo(Map.of("organization", Map.of("members", "read"),
                "repository", Map.of("metadata", "read", "contents", "write"), "other", Map.of()));
        assertThat(g.accessGrantedAt()).contains(Instant.parse("2023-05-16T15:47:09Z"));
        assertThat(g.tokenId()).contains(98716L);
        assertThat(g.tokenName()).contains("Some Token");
        assertThat(g.tokenExpired()).isFalse();
        assertThat(g.tokenExpiresAt()).contains(Instant.parse("2023-11-16T15:47:09Z"));
        assertThat(g.tokenLastUsedAt()).isEmpty();
        FineGrainedTokenGrant older = grants.get(1);
        assertThat(older.tokenId()).isEmpty();
        assertThat(older.tokenName()).isEmpty();
        assertThat(older.tokenExpired()).isTrue();
        assertThat(older.raw()).containsEntry("a_new_field", "kept in raw");
        assertThat(grants.get(2).tokenLastUsedAt()).contains(Instant.parse("2024-01-02T03:04:05Z"));
        forge.wm().verify(exactly(2), getRequestedFor(urlPathEqualTo("/orgs/acme/personal-access-tokens"))
                .withHeader("Authorization", equalTo("Bearer " + forge.canary()))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void listGrants_repeatsArrayFilters() {
        forge.wm().stubFor(get(urlEqualTo("/orgs/acme/personal-access-tokens?per_page=100&sort=created_at&direction=desc"
                + "&owner%5B%5D=alice&owner%5B%5D=bob&token_id%5B%5D=1&token_id%5B%5D=2"))
                .willReturn(okJson("[]")));

        assertThat(client(forge).listGrants("acme", GrantQuery.builder().owner("alice").owner("bob").tokenId(1).tokenId(2)
                .build())).isEmpty();
        forge.wm().verify(exactly(1), getRequestedFor(urlPathEqualTo("/orgs/acme/personal-access-tokens")));
    }

    @Test
    void listGrants_isLazy_nothingIsSentUntilTheStreamIsConsumed() {
        client(forge).listGrants("acme", GrantQuery.all());

        forge.wm().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void listRequests_andRepositories_parse() {
        forge.wm().stubFor(get(urlEqualTo("/orgs/acme/personal-access-token-requests?per_page=100&sort=created_at&direction=desc"))
                .willReturn(okJson(Fixtures.read(GitHubOrgGovernanceTest.class, "requests.json"))));
        forge.wm().stubFor(get(urlEqualTo("/orgs/acme/personal-access-token-requests/7001/repositories?per_page=100"))
                .willReturn(okJson(Fixtures.read(GitHubOrgGovernanceTest.class, "repositories.json"))));
        forge.wm().stubFor(get(urlEqualTo("/orgs/acme/personal-access-tokens/25381/repositories?per_page=100"))
                .willReturn(okJson(Fixtures.read(GitHubOrgGovernanceTest.class, "repositories.json"))));

        FineGrainedTokenRequest r = client(forge).listRequests("acme", GrantQuery.all()).findFirst().orElseThrow();
        assertThat(r.id()).isEqualTo(7001);
        assertThat(r.reason()).contains("Access to deploy the docs site");
        assertThat(r.createdAt()).contains(Instant.parse("2024-02-03T04:05:06Z"));
        assertThat(r.permissions()).isEqualTo(Map.of("repository", Map.of("pages", "write")));
        assertThat(r.tokenName()).contains("docs deploy");

        List<GitHubRepository> repos = client(forge).listRequestRepositories("acme", 7001).toList();
        assertThat(repos).extracting(GitHubRepository::fullName).containsExactly("acme/Hello-World", "acme/docs");
        assertThat(repos.get(0).isPrivate()).isTrue();
        assertThat(repos.get(0).ownerLogin()).contains("acme");
        assertThat(repos.get(1).ownerLogin()).isEmpty();
        assertThat(client(forge).listGrantRepositories("acme", 25381).map(GitHubRepository::id).toList())
                .containsExactly(1296269L, 1296270L);
    }

    @Test
    void revokeAndReview_sendTheDocumentedBodies_oneSecondApart() {
        forge.wm().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
        GitHubClient c = client(forge);

        c.revokeGrant("acme", 25381);
        c.revokeGrants("acme", List.of(1L, 2L, 2L));
        c.reviewRequest("acme", 7001, ReviewDecision.APPROVE, "ok for docs");
        c.reviewRequests("acme", List.of(7001L, 7002L), ReviewDecision.DENY);

        forge.wm().verify(postRequestedFor(urlEqualTo("/orgs/acme/personal-access-tokens/25381"))
                .withHeader("Authorization", equalTo("Bearer " + forge.canary()))
                .withRequestBody(equalToJson("{\"action\":\"revoke\"}")));
        forge.wm().verify(postRequestedFor(urlEqualTo("/orgs/acme/personal-access-tokens"))
                .withRequestBody(equalToJson("{\"action\":\"revoke\",\"pat_ids\":[1,2]}")));
        forge.wm().verify(postRequestedFor(urlEqualTo("/orgs/acme/personal-access-token-requests/7001"))
                .withRequestBody(equalToJson("{\"action\":\"approve\",\"reason\":\"ok for docs\"}")));
        forge.wm().verify(postRequestedFor(urlEqualTo("/orgs/acme/personal-access-token-requests"))
                .withRequestBody(equalToJson("{\"pat_request_ids\":[7001,7002],\"action\":\"deny\"}")));
        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void concurrentMutatingCalls_ofOneToken_areSerialisedAndSpaced() {
        forge.wm().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204).withFixedDelay(20)));
        GitHubClient c = client(forge);
        GitHubClient sameToken = client(forge);

        java.util.concurrent.CompletableFuture.allOf(
                c.async().revokeGrant("acme", 1), c.async().revokeGrant("acme", 2), sameToken.async().revokeGrant("acme", 3),
                c.async().reviewRequest("acme", 4, ReviewDecision.DENY), sameToken.async().revokeGrant("acme", 5)).join();

        forge.wm().verify(exactly(5), postRequestedFor(anyUrl()));
        assertThat(forge.sleeper().waits()).hasSize(4).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void mutatingCalls_areNeverRetried_onServerErrors() {
        forge.wm().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502)));

        // A 502 does not say whether the grant was revoked: ambiguous, and never sent again.
        assertThatThrownBy(() -> client(forge).revokeGrant("acme", 1)).isInstanceOf(dev.patkit.core.AmbiguousOutcomeException.class)
                .hasCauseInstanceOf(dev.patkit.core.ServerException.class).hasMessageContaining("HTTP 502");
        forge.wm().verify(exactly(1), postRequestedFor(urlEqualTo("/orgs/acme/personal-access-tokens/1")));
    }

    @Test
    void forbidden_saysAGitHubAppInstallationTokenIsNeeded() {
        forge.wm().stubFor(get(urlPathEqualTo("/orgs/acme/personal-access-tokens")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Resource not accessible by personal access token\",\"status\":\"403\"}")));

        assertThatThrownBy(() -> client(forge).listGrants("acme", GrantQuery.all()).toList())
                .isInstanceOf(PermissionException.class)
                .hasMessageContaining("GitHub App installation token")
                .hasMessageContaining("organization_personal_access_tokens");
    }

    @Test
    void badInput_isRefusedBeforeAnyRequest() {
        GitHubClient c = client(forge);
        List<Long> tooMany = LongStream.rangeClosed(1, 101).boxed().toList();

        assertThatThrownBy(() -> c.revokeGrants("acme", tooMany)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> c.revokeGrants("acme", List.of())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> c.reviewRequest("acme", 1, ReviewDecision.DENY, "x".repeat(1025)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> c.reviewRequest("acme", 1, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> c.revokeGrant(" ", 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> c.revokeGrant("acme", 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> GrantQuery.builder().perPage(101).build()).isInstanceOf(IllegalArgumentException.class);
        forge.wm().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void orgLogins_areEncodedAsOnePathSegment() {
        forge.wm().stubFor(post(urlEqualTo("/orgs/a%2Fb/personal-access-tokens/3")).willReturn(aResponse().withStatus(204)));

        client(forge).revokeGrant("a/b", 3);

        forge.wm().verify(exactly(1), postRequestedFor(urlEqualTo("/orgs/a%2Fb/personal-access-tokens/3")));
    }
}
