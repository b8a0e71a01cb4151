package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.Owner;
import dev.patkit.core.Permission;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.ValidationException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalAccessTokensTest extends GitLabTestSupport {

    @Test
    void inspect_sendsPrivateTokenHeader_andMapsEveryField() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-self.json"))));

        Authorization a = client.inspect();

        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/self"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary))
                .withHeader("Authorization", absent())
                .withHeader("Accept", equalTo("application/json")));
        assertThat(a.provider()).isEqualTo("gitlab");
        assertThat(a.host()).hasToString(wm.baseUrl() + API);
        assertThat(a.tokenId()).contains("4242");
        assertThat(a.tokenName()).contains("release-bot");
        assertThat(a.owner()).contains(new Owner("17", Optional.empty(), Optional.empty(), Owner.Kind.USER));
        assertThat(a.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
        assertThat(a.scopes().names()).containsExactlyInAnyOrder("api", "read_user", "future_scope");
        assertThat(a.scopes().allows("read_api")).isEqualTo(Permission.ALLOWED);
        assertThat(a.scopes().allows("read_repository")).isEqualTo(Permission.ALLOWED);
        assertThat(a.scopes().allows("sudo")).isEqualTo(Permission.DENIED);
        assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(a.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).contains(ValueSource.SERVER);
        assertThat(a.createdAt()).contains(Instant.parse("2025-06-01T10:15:30.729Z"));
        assertThat(a.lastUsedAt()).contains(Instant.parse("2025-12-20T08:00:00Z"));
        assertThat(a.lastUsedFrom()).containsExactly("203.0.113.7", "2001:db8::1");
        assertThat(a.tokenKind()).contains(GitLabClient.KIND_PERSONAL);
        assertThat(a.raw()).containsEntry("description", "Release automation")
                .containsKey("granular_scopes").containsKey("some_field_from_a_newer_gitlab");
        assertThat(a.raw().get("granular_scopes")).isEqualTo(List.of(Map.of("resource", "project", "actions", List.of("read"))));
        assertThat(a.isActive(forge.clock())).isTrue();
    }

    @Test
    void inspect_olderGitLabWithoutOptionalFields_parses() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-legacy.json"))));

        Authorization a = client.inspect();

        assertThat(a.tokenId()).contains("7");
        assertThat(a.lastUsedAt()).isEmpty();
        assertThat(a.lastUsedFrom()).isEmpty();
        assertThat(a.expiresAt()).isEmpty();
        assertThat(a.expiresWithin(java.time.Duration.ofDays(10_000), forge.clock())).isFalse();
        assertThat(a.raw()).doesNotContainKey("description");
        assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
    }

    @Test
    void inspect_rejectedToken_givesStatusFromErrorDescription() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Token is expired. You can either do"
                        + " re-authorization or token refresh.\"}")));
        assertThat(client.inspect().status()).isEqualTo(AuthorizationStatus.EXPIRED);

        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Token was revoked. You have to"
                        + " re-authorize from the user.\"}")));
        assertThat(client.inspect().status()).isEqualTo(AuthorizationStatus.REVOKED);

        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"401 Unauthorized\"}")));
        Authorization invalid = client.inspect();
        assertThat(invalid.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(invalid.isActive(forge.clock())).isFalse();
        assertThat(invalid.scopes().isKnown()).isFalse();
    }

    @Test
    void list_mapsEveryFilterToGitLabQueryParameters() {
        wm.stubFor(get(urlPathEqualTo(API + "/personal_access_tokens"))
                .willReturn(okJson("[" + fixture("pat-self.json") + "," + fixture("pat-legacy.json") + "]")));

        TokenQuery q = TokenQuery.builder().ownerId("17").state(TokenQuery.State.INACTIVE).revoked(false)
                .createdAfter(Instant.parse("2025-01-01T00:00:00Z")).createdBefore(Instant.parse("2025-12-01T10:00:00Z"))
                .lastUsedAfter(Instant.parse("2025-02-01T00:00:00Z")).lastUsedBefore(Instant.parse("2025-11-01T00:00:00Z"))
                .expiresAfter(LocalDate.parse("2026-01-01")).expiresBefore(LocalDate.parse("2026-02-01"))
                .search("release bot").sort("expires_asc").pageSize(50).extra("custom", "x+y").build();
        List<Authorization> tokens = client.tokens().list(q).toList();
        List<Authorization> viaAsyncView = client.async().tokens().sync().list(TokenQuery.all()).toList();

        assertThat(tokens).extracting(a -> a.tokenId().orElseThrow()).containsExactly("4242", "7");
        assertThat(viaAsyncView).isEqualTo(tokens);
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens?per_page=100")));
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens?user_id=17&state=inactive&revoked=false"
                + "&created_after=2025-01-01T00%3A00%3A00Z&created_before=2025-12-01T10%3A00%3A00Z"
                + "&last_used_after=2025-02-01T00%3A00%3A00Z&last_used_before=2025-11-01T00%3A00%3A00Z"
                + "&expires_after=2026-01-01&expires_before=2026-02-01&search=release%20bot&sort=expires_asc"
                + "&per_page=50&custom=x%2By"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary)));
    }

    @Test
    void get_byId_and_bySelf() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-legacy.json"))));

        assertThat(client.tokens().get("4242").tokenName()).contains("release-bot");
        assertThat(client.tokens().get("self").tokenId()).contains("7");
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
    }

    @Test
    void rotate_byId_checksTheTokenFirst_thenPostsExpiry_andReturnsNewIdAndSecret() {
        String newSecret = Canary.gitlab();
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/4242/rotate"))
                .willReturn(okJson(fixture("pat-created.json", newSecret))));

        CreatedToken created = client.tokens().rotate("4242", LocalDate.parse("2026-03-01"));

        wm.verify(1, postRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242/rotate"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"expires_at\":\"2026-03-01\"}")));
        assertThat(created.authorization().tokenId()).contains("4243");
        assertThat(created.authorization().expiresAt()).contains(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(created.token().reveal()).isEqualTo(newSecret);
        assertThat(created.authorization().raw()).doesNotContainKey("token");
        assertThat(created.toString()).doesNotContain(newSecret).doesNotContain(canary);
        Leaks.assertNotLogged(newSecret);
        Leaks.assertNotLogged(canary);
    }

    /**
     * github-gitlab.md, GitLab §5 "When omitted on rotate": without expires_at GitLab applies its current
     * default (one week where expiry is required, none otherwise), so Patkit sends no date of its own.
     */
    @Test
    void rotate_self_withoutExpiry_sendsNoBody() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/self/rotate"))
                .willReturn(okJson(fixture("pat-created.json", Canary.gitlab()))));

        CreatedToken created = client.tokens().rotate("self");

        assertThat(created.authorization().tokenId()).contains("4243");
        wm.verify(1, postRequestedFor(urlEqualTo(API + "/personal_access_tokens/self/rotate"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary)).withHeader("Content-Type", absent()));
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(API + "/personal_access_tokens/self/rotate"))).get(0).getBody())
                .isEmpty();
    }

    @Test
    void asyncView_getsAndRevokes_withTheSameRequests() throws Exception {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(delete(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(aResponse().withStatus(204)));

        Authorization a = client.async().tokens().get("4242").get(10, java.util.concurrent.TimeUnit.SECONDS);
        client.tokens().async().revoke("4242").get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(a.tokenName()).contains("release-bot");
        assertThat(client.async().sync()).isSameAs(client);
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        wm.verify(1, deleteRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
    }

    @Test
    void revoke_byId_and_self() {
        wm.stubFor(delete(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(aResponse().withStatus(204)));
        wm.stubFor(delete(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(aResponse().withStatus(204)));

        client.tokens().revoke("4242");
        client.tokens().revoke("self");

        wm.verify(1, deleteRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        wm.verify(1, deleteRequestedFor(urlEqualTo(API + "/personal_access_tokens/self")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
    }

    @Test
    void create_forUser_postsAdminEndpointWithEveryField() {
        String secret = Canary.gitlab();
        wm.stubFor(post(urlEqualTo(API + "/users/17/personal_access_tokens"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(fixture("pat-created.json", secret))));

        CreatedToken created = client.tokens().create(TokenSpec.of("release-bot", List.of("api", "read_user"),
                LocalDate.parse("2026-03-01")).withDescription("Release automation").forOwner("17"));

        wm.verify(1, postRequestedFor(urlEqualTo(API + "/users/17/personal_access_tokens"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary))
                .withRequestBody(equalToJson("{\"name\":\"release-bot\",\"description\":\"Release automation\","
                        + "\"scopes\":[\"api\",\"read_user\"],\"expires_at\":\"2026-03-01\"}")));
        assertThat(created.token().reveal()).isEqualTo(secret);
        assertThat(created.authorization().owner().map(Owner::id)).contains("17");
    }

    @Test
    void create_forSelf_withAllowedScopes_postsUserEndpoint() {
        wm.stubFor(post(urlEqualTo(API + "/user/personal_access_tokens"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(fixture("pat-created.json", Canary.gitlab()))));

        client.tokens().create(TokenSpec.of("agent", List.of("k8s_proxy", "self_rotate")));

        wm.verify(1, postRequestedFor(urlEqualTo(API + "/user/personal_access_tokens"))
                .withRequestBody(equalToJson("{\"name\":\"agent\",\"scopes\":[\"k8s_proxy\",\"self_rotate\"]}")));
    }

    @Test
    void create_forSelf_withOtherScopes_isRefusedWithTheWebLink() {
        assertThatThrownBy(() -> client.tokens().create(TokenSpec.of("ci bot", List.of("api"), LocalDate.parse("2026-02-01"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("[k8s_proxy, self_rotate]")
                .hasMessageContaining(wm.baseUrl() + "/gitlab/-/user_settings/personal_access_tokens?name=ci%20bot&scopes=api");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void associations_areStreamedWithTypedFields() {
        wm.stubFor(get(urlPathEqualTo(API + "/personal_access_tokens/self/associations"))
                .willReturn(okJson(fixture("associations.json"))));

        List<GitLabAssociation> all = client.associations(GitLabAccessLevel.DEVELOPER).toList();

        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/self/associations?min_access_level=30&per_page=100"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary)));
        assertThat(client.associations().toList()).hasSize(2);
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/self/associations?per_page=100")));
        assertThat(all).hasSize(2);
        assertThat(all.get(0).type()).isEqualTo(GitLabAssociation.Type.GROUP);
        assertThat(all.get(0).id()).isEqualTo("1");
        assertThat(all.get(0).name()).isEqualTo("platform");
        assertThat(all.get(0).path()).isEmpty();
        assertThat(all.get(0).raw()).containsEntry("parent_id", null);
        assertThat(all.get(1).type()).isEqualTo(GitLabAssociation.Type.PROJECT);
        assertThat(all.get(1).name()).isEqualTo("platform / api");
        assertThat(all.get(1).path()).contains("platform/api");
        assertThat(all.get(1).webUrl()).contains("https://gitlab.example.com/platform/api");
        assertThat(all.get(1).raw().get("access_levels")).isEqualTo(Map.of("project_access_level", 40, "group_access_level", 50));
    }
}
