package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.ConflictException;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.Owner;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.Tokens;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.testing.Canary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Project, group, impersonation and service-account tokens. */
class OtherTokenKindsTest extends GitLabTestSupport {

    private static final String PROJECT = API + "/projects/platform%2Fapi/access_tokens";
    private static final String GROUP = API + "/groups/9/access_tokens";

    @Test
    void projectTokens_list_encodesPathAndMapsBotOwnerAndAccessLevel() {
        wm.stubFor(get(urlPathEqualTo(PROJECT)).willReturn(okJson("[" + fixture("project-token.json") + "]")));

        List<Authorization> tokens = client.projectTokens("platform/api")
                .list(TokenQuery.builder().ownerId("ignored").state(TokenQuery.State.ACTIVE).search("deploy").build()).toList();

        wm.verify(1, getRequestedFor(urlEqualTo(PROJECT + "?state=active&search=deploy&per_page=100"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary)));
        Authorization a = tokens.get(0);
        assertThat(a.tokenId()).contains("88");
        assertThat(a.tokenKind()).contains(GitLabClient.KIND_PROJECT);
        assertThat(a.owner()).contains(new Owner("901", Optional.empty(), Optional.empty(), Owner.Kind.BOT));
        assertThat(a.raw()).containsEntry("access_level", 30);
        assertThat(a.expiresAt()).contains(Instant.parse("2026-06-30T00:00:00Z"));
    }

    @Test
    void projectTokens_get_create_rotate_revoke() {
        String secret = Canary.gitlab();
        var tokens = client.projectTokens("platform/api");
        wm.stubFor(get(urlEqualTo(PROJECT + "/88")).willReturn(okJson(fixture("project-token.json"))));
        wm.stubFor(post(urlEqualTo(PROJECT)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("project-token-created.json", secret))));
        wm.stubFor(post(urlEqualTo(PROJECT + "/88/rotate")).willReturn(okJson(fixture("project-token-created.json", secret))));
        wm.stubFor(delete(urlEqualTo(PROJECT + "/89")).willReturn(aResponse().withStatus(204)));

        assertThat(tokens.get("88").tokenName()).contains("deploy");
        CreatedToken created = tokens.create(TokenSpec.of("deploy", List.of("read_repository", "read_registry"),
                LocalDate.parse("2026-06-30")).withDescription("CD pipeline"));
        CreatedToken rotated = tokens.rotate("88", LocalDate.parse("2026-06-30"));
        tokens.revoke("89");

        // Without a role GitLab's default applies (Maintainer, 40): no access_level is sent.
        wm.verify(postRequestedFor(urlEqualTo(PROJECT)).withHeader("PRIVATE-TOKEN", equalTo(canary))
                .withRequestBody(equalToJson("{\"name\":\"deploy\",\"description\":\"CD pipeline\",\"scopes\":"
                        + "[\"read_repository\",\"read_registry\"],\"expires_at\":\"2026-06-30\"}")));
        wm.verify(postRequestedFor(urlEqualTo(PROJECT + "/88/rotate")).withRequestBody(equalToJson("{\"expires_at\":\"2026-06-30\"}")));
        wm.verify(deleteRequestedFor(urlEqualTo(PROJECT + "/89")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        assertThat(created.token().reveal()).isEqualTo(secret);
        assertThat(created.authorization().owner().map(Owner::kind)).contains(Owner.Kind.BOT);
        assertThat(rotated.authorization().tokenId()).contains("89");
        assertThat(tokens.describe()).isEqualTo("gitlab project platform/api access tokens at " + wm.baseUrl() + API);
    }

    /** github-gitlab.md, GitLab §3 "Project access tokens": access_level 10, 15, 20, 30, 40 or 50. */
    @Test
    void projectTokens_withARole_sendAccessLevel() {
        for (String path : List.of(PROJECT, GROUP)) {
            wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                    "application/json").withBody(fixture("project-token-created.json", Canary.gitlab()))));
        }

        client.projectTokens("platform/api", GitLabAccessLevel.DEVELOPER).create(TokenSpec.of("deploy",
                List.of("read_repository"), LocalDate.parse("2026-06-30")));
        client.groupTokens("9", GitLabAccessLevel.OWNER).create(TokenSpec.of("ci", List.of("api")));

        wm.verify(1, postRequestedFor(urlEqualTo(PROJECT)).withRequestBody(equalToJson("{\"name\":\"deploy\","
                + "\"scopes\":[\"read_repository\"],\"expires_at\":\"2026-06-30\",\"access_level\":30}")));
        wm.verify(1, postRequestedFor(urlEqualTo(GROUP)).withRequestBody(equalToJson("{\"name\":\"ci\","
                + "\"scopes\":[\"api\"],\"access_level\":50}")));
    }

    @Test
    void everyFamily_describesItself_andSaysWhatGitLabHasForIt() {
        String at = " at " + wm.baseUrl() + API;
        Set<Capability> all = EnumSet.of(Capability.LIST, Capability.GET, Capability.CREATE, Capability.ROTATE,
                Capability.REVOKE);

        assertThat(client.tokens().describe()).isEqualTo("gitlab personal access tokens" + at);
        assertThat(client.tokens().capabilities()).isEqualTo(all);
        assertThat(client.projectTokens("platform/api").describe()).isEqualTo("gitlab project platform/api access tokens" + at);
        assertThat(client.projectTokens("7", GitLabAccessLevel.GUEST).capabilities()).isEqualTo(all);
        assertThat(client.groupTokens("9").describe()).isEqualTo("gitlab group 9 access tokens" + at);
        assertThat(client.groupTokens("9").capabilities()).isEqualTo(all);
        // GitLab has no rotate endpoint for impersonation tokens (github-gitlab.md, GitLab §3).
        assertThat(client.impersonationTokens("31").describe()).isEqualTo("gitlab user 31 impersonation tokens" + at);
        assertThat(client.impersonationTokens("31").capabilities()).containsExactlyInAnyOrder(Capability.LIST,
                Capability.GET, Capability.CREATE, Capability.REVOKE);
        // Group service-account tokens have no GET by id; instance ones are ordinary personal tokens.
        assertThat(client.groupServiceAccounts("9").tokens("77").describe())
                .isEqualTo("gitlab group 9 service account 77 tokens" + at);
        assertThat(client.groupServiceAccounts("9").tokens("77").capabilities()).containsExactlyInAnyOrder(
                Capability.LIST, Capability.CREATE, Capability.ROTATE, Capability.REVOKE);
        assertThat(client.instanceServiceAccounts().tokens("70").describe())
                .isEqualTo("gitlab instance service account 70 tokens" + at);
        assertThat(client.instanceServiceAccounts().tokens("70").capabilities()).isEqualTo(all);
        assertThat(client.impersonationTokens("31").async().capabilities())
                .isEqualTo(client.impersonationTokens("31").capabilities());
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /** github-gitlab.md, GitLab §3: impersonation tokens have list, get, create and revoke, no rotate. */
    @Test
    void impersonationTokens_rotate_isUnsupported_beforeAnyRequest() {
        Tokens tokens = client.impersonationTokens("31");

        UnsupportedCapabilityException e = catchThrowableOfType(UnsupportedCapabilityException.class,
                () -> tokens.rotate("55", LocalDate.parse("2026-02-01")));
        Throwable viaRotator = catchThrowable(() -> tokens.rotator("55").rotate(java.util.Optional.empty()));
        Throwable async = catchThrowable(() -> tokens.async().rotate("55").join());

        assertThat(e.capability()).isEqualTo(Capability.ROTATE);
        assertThat(e).hasMessageContaining("gitlab cannot rotate a token through its API")
                .hasMessageContaining("GitLab cannot rotate impersonation tokens: create a successor");
        assertThat(viaRotator).isInstanceOf(UnsupportedCapabilityException.class);
        assertThat(async).hasCauseInstanceOf(UnsupportedCapabilityException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /** github-gitlab.md, GitLab §3 "Service accounts": there is no GET by id for group service-account tokens. */
    @Test
    void groupServiceAccountTokens_get_isUnsupported_beforeAnyRequest() {
        UnsupportedCapabilityException e = catchThrowableOfType(UnsupportedCapabilityException.class,
                () -> client.groupServiceAccounts("9").tokens("77").get("3"));

        assertThat(e.capability()).isEqualTo(Capability.GET);
        assertThat(e.hint()).contains("find the token with list(TokenQuery)");
        assertThat(e.link()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /**
     * github-gitlab.md, "Pitfalls found": project/group tokens have no {@code self} except on rotate
     * (GET and DELETE {@code .../access_tokens/self} answer 404); bot tokens pass
     * {@code GET /personal_access_tokens/self} (GitLab §3), which reads and checks them instead.
     */
    @Test
    void groupTokens_rotateSelf_and_getSelf_readThroughPersonalAccessTokensSelf() {
        var tokens = client.groupTokens("9");
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("project-token.json"))));
        wm.stubFor(post(urlEqualTo(GROUP + "/self/rotate")).willReturn(okJson(fixture("project-token-created.json", Canary.gitlab()))));

        Authorization self = tokens.get("self");
        CreatedToken rotated = tokens.rotate("self");

        assertThat(self.tokenKind()).contains(GitLabClient.KIND_GROUP);
        assertThat(self.tokenId()).contains("88");
        assertThat(rotated.authorization().tokenKind()).contains(GitLabClient.KIND_GROUP);
        wm.verify(1, postRequestedFor(urlEqualTo(GROUP + "/self/rotate")));
        // One read for get("self"), one for the check before the rotate; never the 404-only path.
        wm.verify(2, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/self")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        wm.verify(0, getRequestedFor(urlEqualTo(GROUP + "/self")));
    }

    @Test
    void impersonationTokens_list_get_create_revoke() {
        String users = API + "/users/31/impersonation_tokens";
        wm.stubFor(get(urlPathEqualTo(users)).willReturn(okJson("[" + fixture("impersonation-token.json") + "]")));
        wm.stubFor(get(urlEqualTo(users + "/55")).willReturn(okJson(fixture("impersonation-token.json"))));
        wm.stubFor(post(urlEqualTo(users)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("pat-created.json", Canary.gitlab()).replace("\"id\": 4243", "\"id\": 56, \"impersonation\": true"))));
        wm.stubFor(delete(urlEqualTo(users + "/55")).willReturn(aResponse().withStatus(204)));

        List<Authorization> all = client.impersonationTokens("31").list(TokenQuery.all()).toList();
        List<Authorization> inactive = client.impersonationTokens("31")
                .list(TokenQuery.builder().state(TokenQuery.State.INACTIVE).pageSize(20).search("ignored").build()).toList();
        Authorization one = client.impersonationTokens("31").get("55");
        CreatedToken created = client.impersonationTokens("31").create(TokenSpec.of("support", List.of("read_api"),
                LocalDate.parse("2026-01-05")));
        client.impersonationTokens("31").revoke("55");

        wm.verify(getRequestedFor(urlEqualTo(users + "?state=all&per_page=100")));
        // GitLab's impersonation list takes state only: the other filters are not sent.
        wm.verify(getRequestedFor(urlEqualTo(users + "?state=inactive&per_page=20")));
        wm.verify(postRequestedFor(urlEqualTo(users)).withRequestBody(
                equalToJson("{\"name\":\"support\",\"scopes\":[\"read_api\"],\"expires_at\":\"2026-01-05\"}")));
        wm.verify(deleteRequestedFor(urlEqualTo(users + "/55")));
        assertThat(all).hasSize(1);
        assertThat(inactive).hasSize(1);
        assertThat(one.tokenKind()).contains(GitLabClient.KIND_IMPERSONATION);
        assertThat(one.status()).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(created.authorization().tokenKind()).contains(GitLabClient.KIND_IMPERSONATION);
        assertThat(created.authorization().tokenId()).contains("56");
    }

    @Test
    void serviceAccountTokens_list_create_rotate() {
        String path = API + "/groups/9/service_accounts/77/personal_access_tokens";
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("[" + fixture("pat-legacy.json") + "]")));
        wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("pat-created.json", Canary.gitlab()))));
        wm.stubFor(post(urlEqualTo(path + "/7/rotate")).willReturn(okJson(fixture("pat-created.json", Canary.gitlab()))));

        Tokens family = client.groupServiceAccounts("9").tokens("77");
        List<Authorization> tokens = family.list(TokenQuery.builder().revoked(false).sort("name_asc").build()).toList();
        CreatedToken created = family.create(TokenSpec.of("robot", List.of("api")));
        CreatedToken rotated = family.rotate("7", LocalDate.parse("2026-02-01"));

        wm.verify(getRequestedFor(urlEqualTo(path + "?revoked=false&sort=name_asc&per_page=100")));
        wm.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"name\":\"robot\",\"scopes\":[\"api\"]}")));
        wm.verify(postRequestedFor(urlEqualTo(path + "/7/rotate")).withRequestBody(equalToJson("{\"expires_at\":\"2026-02-01\"}")));
        assertThat(tokens.get(0).owner().map(Owner::kind)).contains(Owner.Kind.SERVICE_ACCOUNT);
        assertThat(tokens.get(0).tokenKind()).contains(GitLabClient.KIND_SERVICE_ACCOUNT);
        assertThat(created.authorization().tokenKind()).contains(GitLabClient.KIND_SERVICE_ACCOUNT);
        assertThat(rotated.authorization().tokenId()).contains("4243");
        // No GET by id for these tokens, so no probe before the rotate.
        wm.verify(0, getRequestedFor(urlEqualTo(path + "/7")));
    }

    /** The guard holds for service-account tokens: one rotate per token per client, whatever the family. */
    @Test
    void serviceAccountTokens_rotateTwice_secondIsRefusedBeforeAnyRequest() {
        String path = API + "/groups/9/service_accounts/77/personal_access_tokens";
        wm.stubFor(post(urlEqualTo(path + "/7/rotate")).willReturn(okJson(fixture("pat-created.json", Canary.gitlab()))));
        Tokens family = client.groupServiceAccounts("9").tokens("77");

        family.rotate("7");
        ConflictException again = catchThrowableOfType(ConflictException.class, () -> family.rotate("7"));
        ConflictException viaAnotherFamily = catchThrowableOfType(ConflictException.class,
                () -> client.tokens().rotate("7"));

        assertThat(again).hasMessageContaining("already rotated").hasMessageContaining("whole token family");
        assertThat(viaAnotherFamily).hasMessageContaining("already rotated");
        wm.verify(1, postRequestedFor(urlEqualTo(path + "/7/rotate")));
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    /** Instance service-account tokens are personal access tokens: the guard reads them first. */
    @Test
    void instanceServiceAccountTokens_rotate_checksTheTokenFirst_andRefusesARevokedOne() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json")
                .replace("\"revoked\": false", "\"revoked\": true").replace("\"active\": true", "\"active\": false"))));

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> client.instanceServiceAccounts().tokens("70").rotate("4242"));

        assertThat(e).hasMessageContaining("it is REVOKED");
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        wm.verify(0, postRequestedFor(urlEqualTo(API + "/personal_access_tokens/4242/rotate")));
    }
}
