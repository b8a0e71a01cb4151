package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.ConflictException;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Owner;
import dev.patkit.core.Permission;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Canary;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitLab behaviour that GitLab's documentation and source fix and that the first implementation
 * had wrong. Each test names the section of {@code reference/github-gitlab.md} it follows.
 */
class DocumentedBehaviourTest extends GitLabTestSupport {

    /** A second origin: where a proxied GitLab's Link headers point. */
    @RegisterExtension
    static WireMockExtension external = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PATS = API + "/personal_access_tokens";
    private static final String SELF = PATS + "/self";
    private static final String PROJECT = API + "/projects/7/access_tokens";
    private static final String GROUP_SA = API + "/groups/9/service_accounts";

    private static final String USER = "{\"id\":17,\"username\":\"release-bot\",\"name\":\"Release Bot\",\"state\":\"active\","
            + "\"bot\":false}";

    // ---- inspect ------------------------------------------------------------------------------

    /**
     * github-gitlab.md, GitLab §3 "Identity": GET /user resolves user_id into a username; sent with
     * the token read, not after it.
     */
    @Test
    void inspect_readsTheOwnersLoginAndName_fromUser_sentAlongsideTheTokenRead() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson(fixture("pat-self.json")).withFixedDelay(1500)));
        wm.stubFor(get(urlEqualTo(API + "/user")).willReturn(okJson(USER).withFixedDelay(1500)));

        Authorization a = client.inspect();

        assertThat(a.owner()).contains(new Owner("17", Optional.of("release-bot"), Optional.of("Release Bot"), Owner.Kind.USER));
        wm.verify(1, getRequestedFor(urlEqualTo(API + "/user")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        ServeEvent self = wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(SELF)).findFirst()
                .orElseThrow();
        ServeEvent user = wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(API + "/user"))
                .findFirst().orElseThrow();
        // Sent one after the other, the second would arrive at least 1500 ms (the first answer's delay) later.
        assertThat(Math.abs(self.getRequest().getLoggedDate().getTime() - user.getRequest().getLoggedDate().getTime()))
                .isLessThan(1200);
    }

    @Test
    void inspect_ofABotToken_reportsABotOwner_andWithoutReadUserKeepsTheId() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson(fixture("project-token.json"))));
        wm.stubFor(get(urlEqualTo(API + "/user")).willReturn(okJson(
                "{\"id\":901,\"username\":\"project_7_bot_1a2b\",\"name\":\"deploy\",\"bot\":true}")));
        assertThat(client.inspect().owner()).contains(new Owner("901", Optional.of("project_7_bot_1a2b"), Optional.of("deploy"), Owner.Kind.BOT));

        wm.stubFor(get(urlEqualTo(API + "/user")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"insufficient_scope\","
                        + "\"error_description\":\"The request requires higher privileges than provided by the access token.\","
                        + "\"scope\":\"api read_user read_api\"}")));
        assertThat(client.inspect().owner()).contains(new Owner("901", Optional.empty(), Optional.empty(), Owner.Kind.USER));
    }

    // ---- granular tokens ----------------------------------------------------------------------

    /**
     * github-gitlab.md, GitLab §4, granular tokens: scopes ["granular"] say nothing; questions answer
     * UNKNOWN; grants in granular_scopes.
     */
    @Test
    void granularToken_scopeQuestionsAreUnknown_andItsGrantsAreExposed() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson("{\"id\":5001,\"name\":\"fine\",\"revoked\":false,\"active\":true,"
                + "\"scopes\":[\"granular\"],\"granular\":true,\"user_id\":17,\"expires_at\":\"2026-06-01\","
                + "\"granular_scopes\":[{\"access\":\"selected_memberships\",\"permissions\":[\"read_repository\","
                + "\"read_merge_request\"],\"project_id\":7,\"group_id\":null}]}")));

        Authorization a = client.inspect();
        GitCredentials git = client.checkedGitCredentials(true);

        assertThat(a.scopes().isKnown()).isFalse();
        assertThat(a.scopes().allows("api")).isEqualTo(Permission.UNKNOWN);
        assertThat(a.scopes().allowsAny(GitLabScopes.GIT_PUSH)).isEqualTo(Permission.UNKNOWN);
        assertThat(a.raw()).containsEntry("scopes", List.of("granular"));
        assertThat(GitLabGranularScope.isGranular(a)).isTrue();
        assertThat(GitLabGranularScope.of(a)).containsExactly(new GitLabGranularScope(Optional.of("selected_memberships"),
                List.of("read_repository", "read_merge_request"), Optional.of("7"), Optional.empty()));
        assertThat(git.username()).isEqualTo(GitLabClient.GIT_USERNAME);
    }

    @Test
    void classicToken_withGranularFalse_keepsItsScopes() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson("{\"id\":5002,\"revoked\":false,\"active\":true,"
                + "\"scopes\":[\"read_api\"],\"granular\":false,\"user_id\":17}")));

        Authorization a = client.inspect();

        assertThat(a.scopes().names()).containsExactly("read_api");
        assertThat(a.scopes().allows("api")).isEqualTo(Permission.DENIED);
        assertThat(GitLabGranularScope.isGranular(a)).isFalse();
        assertThat(GitLabGranularScope.of(a)).isEmpty();
    }

    // ---- project and group tokens: self exists only on rotate ----------------------------------

    /**
     * github-gitlab.md, "Pitfalls found": GET and DELETE .../access_tokens/self answer 404; only POST
     * .../self/rotate exists.
     */
    @Test
    void resourceTokens_revokeSelf_isRefusedWithoutARequest() {
        Throwable e = catchThrowable(() -> client.projectTokens("7").revoke("self"));

        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("no 'self'")
                .hasMessageContaining("get(\"self\").tokenId()");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /**
     * github-gitlab.md, GitLab §3 "Project access tokens" (rotate, the only self): the check before
     * rotate("self") reads /personal_access_tokens/self: a revoked token is not rotated.
     */
    @Test
    void resourceTokens_rotateSelf_ofARevokedToken_isRefusedBeforeThePost() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson(fixture("project-token.json")
                .replace("\"revoked\": false", "\"revoked\": true").replace("\"active\": true", "\"active\": false"))));
        wm.stubFor(post(urlEqualTo(PROJECT + "/self/rotate")).willReturn(okJson(fixture("project-token-created.json",
                Canary.gitlab()))));

        Throwable e = catchThrowable(() -> client.projectTokens("7").rotate("self"));

        assertThat(e).isInstanceOf(ConflictException.class).hasMessageContaining("REVOKED");
        wm.verify(1, getRequestedFor(urlEqualTo(SELF)));
        wm.verify(0, postRequestedFor(urlEqualTo(PROJECT + "/self/rotate")));
        wm.verify(0, getRequestedFor(urlEqualTo(PROJECT + "/self")));
    }

    /**
     * github-gitlab.md, GitLab §3 "POST /personal_access_tokens/:id/rotate" (reuse detection): the
     * check learns the id behind self, so rotating the same token again by id is refused.
     */
    @Test
    void resourceTokens_rotateSelf_thenById_isRefusedTheSecondTime() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson(fixture("project-token.json"))));
        wm.stubFor(post(urlEqualTo(PROJECT + "/self/rotate")).willReturn(okJson(fixture("project-token-created.json",
                Canary.gitlab()))));
        var tokens = client.projectTokens("7");

        CreatedToken rotated = tokens.rotate("self", LocalDate.parse("2026-03-01"));
        Throwable again = catchThrowable(() -> tokens.rotate("88", LocalDate.parse("2026-03-01")));

        assertThat(rotated.authorization().tokenKind()).contains(GitLabClient.KIND_PROJECT);
        assertThat(again).isInstanceOf(ConflictException.class).hasMessageContaining("already rotated");
        wm.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/self/rotate"))
                .withRequestBody(equalToJson("{\"expires_at\":\"2026-03-01\"}")));
        wm.verify(0, postRequestedFor(urlEqualTo(PROJECT + "/88/rotate")));
    }

    /**
     * github-gitlab.md, "What a PAT SDK must model", 9. Rotation: for project/group tokens there is no
     * .../access_tokens/self GET, so /personal_access_tokens/self classifies a lost rotate answer.
     */
    @Test
    void resourceTokens_rotateSelf_whoseAnswerIsLost_isClassifiedByTheSelfProbe() {
        String rotate = PROJECT + "/self/rotate";
        wm.stubFor(get(urlEqualTo(SELF)).inScenario("rotate").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(okJson(fixture("project-token.json"))));
        wm.stubFor(post(urlEqualTo(rotate)).inScenario("rotate").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("rotated"));
        wm.stubFor(get(urlEqualTo(SELF)).inScenario("rotate").whenScenarioStateIs("rotated").willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"message\":\"401 Unauthorized\"}")));

        GitLabRotationOutcomeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                GitLabRotationOutcomeException.class, () -> client.projectTokens("7").rotate("self"));

        assertThat(e.oldToken()).isEqualTo(GitLabRotationOutcomeException.OldTokenState.REVOKED);
        assertThat(e.tokenName()).contains("deploy");
        assertThat(e.recoveryQuery().search()).contains("deploy");
        wm.verify(1, postRequestedFor(urlEqualTo(rotate)));
        wm.verify(2, getRequestedFor(urlEqualTo(SELF)));
        wm.verify(0, getRequestedFor(urlEqualTo(PROJECT + "/self")));
    }

    /**
     * github-gitlab.md, GitLab §4: project/group scopes are the bot set, never read_user, sudo,
     * admin_mode, read_service_ping.
     */
    @Test
    void resourceTokens_createWithAScopeOutsideTheBotSet_isRefusedWithoutARequest() {
        for (String scope : List.of("read_user", "sudo", "admin_mode", "read_service_ping")) {
            Throwable e = catchThrowable(() -> client.groupTokens("9", GitLabAccessLevel.DEVELOPER).create(
                    TokenSpec.of("ci", List.of("read_api", scope), LocalDate.parse("2026-03-01"))));
            assertThat(e).as(scope).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("cannot hold [" + scope + "]");
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    // ---- access levels ------------------------------------------------------------------------

    /**
     * github-gitlab.md, GitLab §3, self/associations: min_access_level takes 5, 10, 15, 20, 25, 30,
     * 40, 50.
     */
    @Test
    void associations_acceptAllEightMinimumAccessLevels() {
        wm.stubFor(get(urlPathEqualTo(PATS + "/self/associations")).willReturn(okJson("{\"groups\":[],\"projects\":[]}")));

        for (GitLabAccessLevel level : GitLabAccessLevel.values()) {
            assertThat(client.associations(level).toList()).isEmpty();
            wm.verify(1, getRequestedFor(urlPathEqualTo(PATS + "/self/associations"))
                    .withQueryParam("min_access_level", equalTo(String.valueOf(level.value()))));
        }
        assertThat(GitLabAccessLevel.values()).extracting(GitLabAccessLevel::value)
                .containsExactly(5, 10, 15, 20, 25, 30, 40, 50);
        assertThatThrownBy(() -> GitLabAccessLevel.of(35)).isInstanceOf(ValidationException.class);
    }

    // ---- create on GitLab.com -----------------------------------------------------------------

    /**
     * github-gitlab.md, GitLab §3 "Create PATs": Self-Managed and Dedicated only; on GitLab.com the
     * web UI instead.
     */
    @Test
    void create_onGitLabCom_isUnsupported_withTheWebLink_andSendsNothing() {
        GitLabClient com = forge.patkit().client("gitlab", URI.create("https://gitlab.com/api/v4"), Token.of(canary))
                .unwrap(GitLabClient.class);

        Throwable self = catchThrowable(() -> com.tokens().create(TokenSpec.of("agent", List.of("self_rotate"),
                LocalDate.parse("2026-03-01"))));
        Throwable admin = catchThrowable(() -> com.tokens().create(TokenSpec.of("ci", List.of("api"), LocalDate.parse("2026-03-01"))
                .forOwner("31")));

        assertThat(self).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("https://gitlab.com/-/user_settings/personal_access_tokens?name=agent&scopes=self_rotate");
        assertThat(((UnsupportedCapabilityException) self).capability()).isEqualTo(Capability.CREATE);
        assertThat(admin).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("https://gitlab.com/-/user_settings/personal_access_tokens?name=ci&scopes=api");
        assertThat(((UnsupportedCapabilityException) admin).link()).contains(URI.create(
                "https://gitlab.com/-/user_settings/personal_access_tokens?name=ci&scopes=api"));
        assertThat(com.capabilities()).doesNotContain(Capability.CREATE).contains(Capability.ROTATE, Capability.REVOKE);
        assertThat(com.tokens().capabilities()).doesNotContain(Capability.CREATE);
        // Only the personal create is missing on GitLab.com: project tokens are created there.
        assertThat(com.projectTokens("7").capabilities()).contains(Capability.CREATE);
        assertThat(client.capabilities()).contains(Capability.CREATE);
    }

    // ---- service accounts ---------------------------------------------------------------------

    /**
     * github-gitlab.md, GitLab §3 "Service accounts and their PATs": a group Owner revokes through the
     * group path.
     */
    @Test
    void groupServiceAccounts_listCreateAndTokenLifecycle_useTheGroupPaths() {
        String tokens = GROUP_SA + "/61/personal_access_tokens";
        wm.stubFor(get(urlPathEqualTo(GROUP_SA)).willReturn(okJson("[{\"id\":61,\"username\":\"service_account_group_9_x\","
                + "\"name\":\"Deploy bot\",\"email\":null}]")));
        wm.stubFor(post(urlEqualTo(GROUP_SA)).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                "application/json").withBody("{\"id\":62,\"username\":\"ci-sa\",\"name\":\"CI\",\"email\":\"ci@example.com\"}")));
        wm.stubFor(get(urlPathEqualTo(tokens)).willReturn(okJson("[" + fixture("pat-self.json") + "]")));
        wm.stubFor(post(urlEqualTo(tokens)).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                "application/json").withBody(fixture("pat-created.json", Canary.gitlab()))));
        wm.stubFor(delete(urlEqualTo(tokens + "/4242")).willReturn(aResponse().withStatus(204)));
        GitLabServiceAccounts accounts = client.groupServiceAccounts("9");

        List<GitLabServiceAccount> listed = accounts.list().toList();
        GitLabServiceAccount created = accounts.create("CI", "ci-sa", "ci@example.com");
        List<Authorization> owned = accounts.tokens("61").list(TokenQuery.builder().state(TokenQuery.State.ACTIVE).build())
                .toList();
        CreatedToken token = accounts.tokens("61").create(TokenSpec.of("deploy", List.of("api"), LocalDate.parse("2026-03-01")));
        accounts.tokens("61").revoke("4242");

        assertThat(accounts.kind()).isEqualTo("group");
        assertThat(listed).extracting(GitLabServiceAccount::id, GitLabServiceAccount::username, GitLabServiceAccount::email)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("61", Optional.of("service_account_group_9_x"),
                        Optional.empty()));
        assertThat(created.id()).isEqualTo("62");
        assertThat(created.name()).contains("CI");
        wm.verify(getRequestedFor(urlEqualTo(GROUP_SA + "?per_page=100")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        wm.verify(postRequestedFor(urlEqualTo(GROUP_SA)).withRequestBody(equalToJson(
                "{\"name\":\"CI\",\"username\":\"ci-sa\",\"email\":\"ci@example.com\"}")));
        wm.verify(getRequestedFor(urlEqualTo(tokens + "?state=active&per_page=100")));
        assertThat(owned).extracting(a -> a.tokenKind().orElseThrow()).containsExactly(GitLabClient.KIND_SERVICE_ACCOUNT);
        assertThat(token.authorization().tokenId()).contains("4243");
        wm.verify(1, deleteRequestedFor(urlEqualTo(tokens + "/4242")).withHeader("PRIVATE-TOKEN", equalTo(canary)));
        wm.verify(0, deleteRequestedFor(urlEqualTo(PATS + "/4242")));
    }

    @Test
    void groupServiceAccounts_revokeOfAMissingToken_isANotFound_andARetryThatFindsItGoneSucceeds() {
        String token = GROUP_SA + "/61/personal_access_tokens/4242";
        wm.stubFor(delete(urlEqualTo(token)).inScenario("gone").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("deleted")
                .willReturn(aResponse().withStatus(503)));
        wm.stubFor(delete(urlEqualTo(token)).inScenario("gone").whenScenarioStateIs("deleted")
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"404 Not found\"}")));

        client.groupServiceAccounts("9").tokens("61").revoke("4242");

        wm.verify(2, deleteRequestedFor(urlEqualTo(token)));
    }

    /**
     * github-gitlab.md, GitLab §3 "Service accounts and their PATs": instance service accounts:
     * /service_accounts; their tokens are ordinary PATs of that user.
     */
    @Test
    void instanceServiceAccounts_useServiceAccountsAndThePatApi() {
        wm.stubFor(get(urlPathEqualTo(API + "/service_accounts")).willReturn(okJson("[{\"id\":70,\"username\":\"svc\","
                + "\"name\":\"Svc\"}]")));
        wm.stubFor(post(urlEqualTo(API + "/service_accounts")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":71,\"username\":\"svc2\"}")));
        wm.stubFor(get(urlPathEqualTo(PATS)).willReturn(okJson("[" + fixture("pat-self.json") + "]")));
        wm.stubFor(post(urlEqualTo(API + "/users/70/personal_access_tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("pat-created.json", Canary.gitlab()))));
        wm.stubFor(delete(urlEqualTo(PATS + "/4242")).willReturn(aResponse().withStatus(204)));
        GitLabServiceAccounts accounts = client.instanceServiceAccounts();

        assertThat(accounts.list().map(GitLabServiceAccount::id).toList()).containsExactly("70");
        assertThat(accounts.create("Svc 2").username()).contains("svc2");
        assertThat(accounts.tokens("70").list(TokenQuery.all()).toList()).hasSize(1);
        accounts.tokens("70").create(TokenSpec.of("deploy", List.of("read_api"), LocalDate.parse("2026-03-01")));
        accounts.tokens("70").revoke("4242");

        assertThat(accounts.kind()).isEqualTo("instance");
        // Only the name: GitLab chooses the user name and e-mail address.
        wm.verify(postRequestedFor(urlEqualTo(API + "/service_accounts")).withRequestBody(equalToJson("{\"name\":\"Svc 2\"}")));
        wm.verify(getRequestedFor(urlPathEqualTo(PATS)).withQueryParam("user_id", equalTo("70")));
        wm.verify(postRequestedFor(urlEqualTo(API + "/users/70/personal_access_tokens")).withRequestBody(equalToJson(
                "{\"name\":\"deploy\",\"scopes\":[\"read_api\"],\"expires_at\":\"2026-03-01\"}")));
        wm.verify(1, deleteRequestedFor(urlEqualTo(PATS + "/4242")));
    }

    @Test
    void serviceAccountIds_areCheckedBeforeAnyRequest() {
        GitLabServiceAccounts accounts = client.groupServiceAccounts("9");
        assertThatThrownBy(() -> accounts.tokens("sixty-one").revoke("4242"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Futures.join(accounts.tokens("61").async().revoke("self")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> accounts.create("CI", " ", "ci@example.com")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("user name must not be blank");
        assertThatThrownBy(() -> accounts.create(" ")).isInstanceOf(ValidationException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    // ---- pagination ---------------------------------------------------------------------------

    /**
     * "How real clients and servers behave on the wire" / GitLab, "Link is built from the configured
     * external URL": behind a proxy the next link names another origin; the token never goes there
     * and the listing continues on the configured base with x-next-page.
     */
    @Test
    void list_whenLinkPointsAtTheExternalUrl_continuesOnTheConfiguredBase() {
        String one = "{\"id\":1,\"revoked\":false,\"active\":true,\"scopes\":[\"api\"],\"user_id\":17}";
        String two = one.replace("\"id\":1", "\"id\":2");
        wm.stubFor(get(urlPathEqualTo(PATS)).withQueryParam("page", absent()).willReturn(okJson("[" + one + "]")
                .withHeader("Link", "<" + external.baseUrl() + "/gitlab/api/v4/personal_access_tokens?page=2&per_page=100"
                        + "&state=active>; rel=\"next\"")
                .withHeader("x-next-page", "2").withHeader("x-page", "1")));
        wm.stubFor(get(urlPathEqualTo(PATS)).withQueryParam("page", equalTo("2")).willReturn(okJson("[" + two + "]")
                .withHeader("x-next-page", "").withHeader("x-page", "2")));

        List<Authorization> all = client.tokens().list(TokenQuery.builder().state(TokenQuery.State.ACTIVE).build()).toList();

        assertThat(all).extracting(a -> a.tokenId().orElseThrow()).containsExactly("1", "2");
        assertThat(external.getAllServeEvents()).isEmpty();
        wm.verify(getRequestedFor(urlEqualTo(PATS + "?state=active&per_page=100&page=2"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary)));
    }
}
