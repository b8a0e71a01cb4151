package dev.patkit.servicestage;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.ConflictException;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.Owner;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.core.rotation.RotationEvent.Outcome;
import dev.patkit.core.rotation.RotationEvent.Step;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every ServiceStage endpoint over WireMock, authenticated with an IAM token. */
class ServiceStageClientTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("").options(b -> b.callTimeout(Duration.ofSeconds(20)));

    private static final String AUTHS = "/v1/proj1/git/auths";

    private final String iamToken = Canary.opaque();
    private final String forgeToken = Canary.githubClassic();
    private Patkit patkit;
    private ServiceStageClient client;

    @BeforeEach
    void setUp() {
        patkit = forge.patkit();
        client = patkit.client("servicestage", URI.create(forge.wm().baseUrl() + "/v1/proj1"), IamToken.of(Token.of(iamToken)))
                .unwrap(ServiceStageClient.class);
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(iamToken);
        Leaks.assertNotLogged(forgeToken);
    }

    @Test
    void createPersonal_whenTheServerEchoesTheForgeToken_theMessageHasNoToken() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"token " + forgeToken + " is invalid\"}")));
        Throwable e = catchThrowable(() -> client.createPersonal(
                PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken))));
        assertThat(e).isInstanceOf(dev.patkit.core.ValidationException.class).hasMessageContaining("token *** is invalid");
        dev.patkit.core.testing.Leaks.assertNotIn(e, forgeToken);
    }

    @Test
    void createPersonal_seedExample_roundTripsToSeedFields() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(okJson(Fixtures.read(getClass(), "create-personal-token1.json"))));

        Registration r = client.createPersonal(PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken))
                .withHost(URI.create("https://github.com/tom-repo")));

        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/github/personal"))
                .withHeader("X-Auth-Token", equalTo(iamToken))
                .withHeader("Content-Type", equalTo("application/json;charset=utf8"))
                .withRequestBody(equalToJson("{\"name\":\"token1\",\"token\":\"" + forgeToken
                        + "\",\"host\":\"https://github.com/tom-repo\"}")));
        assertThat(r.outcome()).isEqualTo(Registration.Outcome.CREATED);
        GitAuthorization a = r.authorization();
        assertThat(a.name()).isEqualTo("token1");
        assertThat(a.repoType()).isEqualTo("github");
        assertThat(a.knownRepoType()).contains(RepoType.GITHUB);
        assertThat(a.repoHost()).contains("https://api.github.com");
        assertThat(a.repoHome()).contains("https://github.com/tom-repo");
        assertThat(a.repoUser()).contains("tom-repo");
        assertThat(a.avatar()).contains("https://avatars.githubusercontent.com/u/73919264?v=4");
        assertThat(a.tokenType()).contains("personal");
        assertThat(a.createdAt()).contains(Instant.ofEpochMilli(1649762172340L));
        assertThat(a.updatedAt()).contains(Instant.ofEpochMilli(1649762172340L));
        assertThat(a.statusCode()).contains(0);
        assertThat(a.tag()).isEmpty();
        assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);

        Authorization core = a.authorization();
        assertThat(core.provider()).isEqualTo("servicestage");
        assertThat(core.tokenName()).contains("token1");
        assertThat(core.owner()).contains(new Owner("tom-repo", Optional.of("tom-repo"), Optional.empty(), Owner.Kind.USER));
        assertThat(core.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
        assertThat(core.createdAt()).contains(Instant.parse("2022-04-12T11:16:12.340Z"));
        assertThat(core.tokenKind()).contains("github:personal");
        assertThat(core.raw()).containsEntry("avartar", "https://avatars.githubusercontent.com/u/73919264?v=4")
                .doesNotContainKey("token");
        assertThat(r.toString()).doesNotContain(forgeToken);
    }

    @Test
    void listAuthorizations_statuses0And1And2_mapToActiveExpiredInvalid() {
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));

        List<GitAuthorization> all = client.listAuthorizations();

        forge.wm().verify(getRequestedFor(urlEqualTo(AUTHS)).withHeader("X-Auth-Token", equalTo(iamToken)));
        assertThat(all).extracting(GitAuthorization::name)
                .containsExactly("token1", "gitlab-old", "bb.pass", "legacy-record");
        assertThat(all).extracting(GitAuthorization::status).containsExactly(AuthorizationStatus.ACTIVE,
                AuthorizationStatus.EXPIRED, AuthorizationStatus.INVALID, AuthorizationStatus.UNKNOWN);
        GitAuthorization old = all.get(1);
        assertThat(old.tag()).contains("default");
        assertThat(old.avatar()).isEmpty();
        assertThat(old.updatedAt()).contains(Instant.ofEpochMilli(1610000000000L));
        assertThat(old.authorization().raw()).containsEntry("region_hint", "an unknown newer field");
        GitAuthorization legacy = all.get(3);
        assertThat(legacy.repoUser()).isEmpty();
        assertThat(legacy.createdAt()).isEmpty();
        assertThat(legacy.authorization().owner()).isEmpty();
        assertThat(legacy.knownRepoType()).contains(RepoType.DEVCLOUD);
    }

    @Test
    void providerList_streamsCoreAuthorizations_withClientSideFilters() {
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));

        List<Authorization> active = client.tokens().list(TokenQuery.builder().state(TokenQuery.State.ACTIVE).build())
                .collect(Collectors.toList());
        List<String> searched = client.tokens().list(TokenQuery.builder().search("old").build())
                .map(a -> a.tokenName().orElseThrow()).collect(Collectors.toList());

        assertThat(active).extracting(a -> a.tokenName().orElseThrow()).containsExactly("token1");
        assertThat(searched).containsExactly("gitlab-old");
    }

    @Test
    void list_isLazy_noRequestUntilConsumed() {
        client.tokens().list(TokenQuery.all());

        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }

    @Test
    void get_findsByName_orFailsWithNotFound() {
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));

        assertThat(client.tokens().get("bb.pass").status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThatThrownBy(() -> client.tokens().get("nope-nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope-nope");
    }

    @Test
    void createPersonal_duplicateName_raisesConflict() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"SVCSTG.REPO.0403\",\"error_msg\":\"resource already exist\"}")));

        Throwable e = catchThrowable(() -> client.createPersonal(
                PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken))));

        assertThat(e).isInstanceOf(ConflictException.class)
                .hasMessageContaining("SVCSTG.REPO.0403").hasMessageContaining("already exists");
        assertThat(((ConflictException) e).httpStatus()).isEqualTo(400);
        Leaks.assertNotIn(e, forgeToken);
        Leaks.assertNotIn(e, iamToken);
    }

    @Test
    void createPersonal_responseLostButNamePresent_reconcilesWithOnePost() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));

        Registration r = client.createPersonal(PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken)));

        assertThat(r.outcome()).isEqualTo(Registration.Outcome.RECONCILED);
        assertThat(r.authorization().name()).isEqualTo("token1");
        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/github/personal")));
        forge.wm().verify(1, getRequestedFor(urlEqualTo(AUTHS)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {500, 502, 503, 504})
    void createPersonal_answeredWithA5xx_isReconciledLikeALostAnswer(int status) {
        // A gateway's 5xx page says nothing of whether the authorization was stored.
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withBody("<html>" + status + " Bad Gateway</html>")));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));

        Registration r = client.createPersonal(PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken)));

        assertThat(r.outcome()).isEqualTo(Registration.Outcome.RECONCILED);
        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/github/personal")));
        forge.wm().verify(1, getRequestedFor(urlEqualTo(AUTHS)));
    }

    @Test
    void createPersonal_responseLostAndNameAbsent_sendsCreateOnceMore() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("second"));
        forge.wm().stubFor(post(AUTHS + "/github/personal").inScenario("lost").whenScenarioStateIs("second")
                .willReturn(okJson(Fixtures.read(getClass(), "create-personal-token1.json").replace("token1", "fresh-one"))));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson("{\"authorizations\":[],\"count\":0}")));

        Registration r = client.createPersonal(PersonalAuthorization.of("fresh-one", RepoType.GITHUB, Token.of(forgeToken)));

        assertThat(r.outcome()).isEqualTo(Registration.Outcome.CREATED_ON_RETRY);
        assertThat(r.authorization().name()).isEqualTo("fresh-one");
        forge.wm().verify(2, postRequestedFor(urlEqualTo(AUTHS + "/github/personal")));
    }

    @Test
    void createPassword_sendsUserAndPassword() {
        String password = Canary.opaque();
        forge.wm().stubFor(post(AUTHS + "/bitbucket/password").willReturn(okJson("{\"authorization\":{\"name\":\"bb.pass\","
                + "\"repo_type\":\"bitbucket\",\"repo_user\":\"alice\",\"token_type\":\"password\",\"status\":0}}")));

        Registration r = client.createPassword("bb.pass", RepoType.BITBUCKET, "alice", Token.of(password));

        forge.wm().verify(postRequestedFor(urlEqualTo(AUTHS + "/bitbucket/password")).withRequestBody(
                equalToJson("{\"name\":\"bb.pass\",\"user\":\"alice\",\"password\":\"" + password + "\"}")));
        assertThat(r.authorization().tokenType()).contains("password");
        Leaks.assertNotLogged(password);
    }

    @Test
    void oauthRedirectUrl_returnsForgeUrl_withTagQuery() {
        forge.wm().stubFor(get(urlPathEqualTo(AUTHS + "/gitlab/redirect")).willReturn(
                okJson("{\"url\":\"https://gitlab.com/oauth/authorize?client_id=abc&state=s1\"}")));

        URI url = client.oauthRedirectUrl(RepoType.GITLAB, "site-a");

        forge.wm().verify(getRequestedFor(urlEqualTo(AUTHS + "/gitlab/redirect?tag=site-a")));
        assertThat(url).isEqualTo(URI.create("https://gitlab.com/oauth/authorize?client_id=abc&state=s1"));
    }

    @Test
    void completeOAuth_postsCodeAndState() {
        forge.wm().stubFor(post(urlPathEqualTo(AUTHS + "/github/oauth")).willReturn(okJson(
                "{\"authorization\":{\"name\":\"gh-oauth\",\"repo_type\":\"github\",\"token_type\":\"oauth\",\"status\":0}}")));

        GitAuthorization a = client.completeOAuth(RepoType.GITHUB, "gh-oauth", "code123", "state456");

        forge.wm().verify(postRequestedFor(urlEqualTo(AUTHS + "/github/oauth")).withRequestBody(
                equalToJson("{\"name\":\"gh-oauth\",\"code\":\"code123\",\"state\":\"state456\"}")));
        assertThat(a.tokenType()).contains("oauth");
    }

    @Test
    void completeOAuth_invalidState_raisesValidationWithHint() {
        forge.wm().stubFor(post(urlPathEqualTo(AUTHS + "/github/oauth")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0402\",\"error_message\":\"oauth code or state invalid\"}")));

        assertThatThrownBy(() -> client.completeOAuth(RepoType.GITHUB, "gh-oauth", "c", "s"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("SVCSTG.REPO.0402").hasMessageContaining("start the OAuth authorization again");
    }

    @Test
    void delete_and_revoke_sendDelete() {
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));

        client.delete("token1");
        client.tokens().revoke("token1");

        forge.wm().verify(2, deleteRequestedFor(urlEqualTo(AUTHS + "/token1")).withHeader("X-Auth-Token", equalTo(iamToken)));
    }

    @Test
    void verify_sendsRepoAuthHeader_andReturnsNamespaces() {
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces").willReturn(okJson(
                "{\"namespaces\":[{\"id\":\"1\",\"name\":\"tom-repo\"},{\"id\":\"2\",\"name\":\"org-a\"}]}")));

        assertThat(client.verify("token1")).containsExactly("tom-repo", "org-a");

        forge.wm().verify(getRequestedFor(urlEqualTo("/v1/proj1/git/repos/namespaces"))
                .withHeader("X-Repo-Auth", equalTo("token1")).withHeader("X-Auth-Token", equalTo(iamToken)));
    }

    @Test
    void verify_invalidStoredCredential_raisesRepoAuthorizationInvalid() {
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces").willReturn(aResponse().withStatus(400)
                .withBody("[{\"errorCode\":\"SVCSTG.REPO.0451\",\"errorMessage\":\"repository authorization invalid\"}]")));

        Throwable e = catchThrowable(() -> client.verify("token1"));

        assertThat(e).isInstanceOf(RepoAuthorizationException.class).hasMessageContaining("register a new one");
        assertThat(((RepoAuthorizationException) e).reason()).isEqualTo(RepoAuthorizationException.Reason.INVALID);
        assertThat(((RepoAuthorizationException) e).errorCode()).isEqualTo("SVCSTG.REPO.0451");
    }

    @Test
    void errors_branchOnCodeNotStatus() {
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces").willReturn(aResponse().withStatus(400)
                .withBody("{\"code\":\"SVCSTG.REPO.0450\",\"message\":\"no repository authorization\"}")));
        forge.wm().stubFor(post(AUTHS + "/gitee/personal").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0401\",\"error_msg\":\"repository not implemented\"}")));
        forge.wm().stubFor(post(AUTHS + "/gitlab/personal").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"parameter invalid\"}")));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(401).withHeader("X-Request-Id", "req-9")
                .withBody("{\"error_msg\":\"Incorrect IAM authentication information: token expired\","
                        + "\"error_code\":\"APIGW.0301\",\"request_id\":\"req-9\"}")));

        Throwable missing = catchThrowable(() -> client.verify("token1"));
        Throwable type = catchThrowable(() -> client.createPersonal(
                PersonalAuthorization.of("token1", RepoType.GITEE, Token.of(forgeToken))));
        Throwable invalid = catchThrowable(() -> client.createPersonal(
                PersonalAuthorization.of("token1", RepoType.GITLAB, Token.of(forgeToken))));
        Throwable auth = catchThrowable(() -> client.delete("token1"));

        assertThat(((RepoAuthorizationException) missing).reason()).isEqualTo(RepoAuthorizationException.Reason.MISSING);
        assertThat(type).isInstanceOf(ValidationException.class).hasMessageContaining("SVCSTG.REPO.0401")
                .hasMessageContaining("choose another type");
        assertThat(invalid).isExactlyInstanceOf(ValidationException.class).hasMessageContaining("SVCSTG.REPO.0400");
        assertThat(auth).isInstanceOf(AuthenticationException.class).hasMessageContaining("APIGW.0301")
                .hasMessageContaining("request id req-9").hasMessageNotContaining("clock");
        for (Throwable t : List.of(missing, type, invalid, auth)) {
            Leaks.assertNotIn(t, forgeToken);
            Leaks.assertNotIn(t, iamToken);
        }
    }

    @Test
    void errors_serverEchoingTheToken_isRedacted() {
        forge.wm().stubFor(get(AUTHS).willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"bad header " + iamToken + "\"}")));

        Throwable e = catchThrowable(() -> client.listAuthorizations());

        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("***");
        Leaks.assertNotIn(e, iamToken);
    }

    @Test
    void badInput_isRefusedBeforeAnyRequest() {
        Token t = Token.of(forgeToken);
        List<Throwable> errors = List.of(
                catchThrowable(() -> client.createPersonal(PersonalAuthorization.of("abc", RepoType.GITHUB, t))),
                catchThrowable(() -> client.createPersonal(PersonalAuthorization.of("x".repeat(64), RepoType.GITHUB, t))),
                catchThrowable(() -> client.createPersonal(PersonalAuthorization.of("has space", RepoType.GITHUB, t))),
                catchThrowable(() -> client.createPersonal(PersonalAuthorization.of("good-name", RepoType.BITBUCKET, t))),
                catchThrowable(() -> client.createPersonal(PersonalAuthorization.of("good-name", RepoType.GITLAB, t)
                        .withHost(URI.create("ftp://gitlab.example.com")))),
                catchThrowable(() -> client.createPersonal(PersonalAuthorization.of("good-name", RepoType.GITLAB, t)
                        .withHost(URI.create("gitlab.example.com")))),
                catchThrowable(() -> client.createPassword("good-name", RepoType.GITHUB, "u", t)),
                catchThrowable(() -> client.oauthRedirectUrl(RepoType.DEVCLOUD)),
                catchThrowable(() -> client.delete("a/b/c")),
                catchThrowable(() -> client.replace("same-name", PersonalAuthorization.of("same-name", RepoType.GITHUB, t))));

        assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOf(ValidationException.class));
        assertThat(errors.get(0)).hasMessageContaining("4 to 63 characters");
        assertThat(errors.get(3)).hasMessageContaining("[gitee, github, gitlab]");
        assertThat(errors.get(4)).hasMessageContaining("absolute https (or, on a private network, http) URL");
        assertThat(errors.get(6)).hasMessageContaining("[bitbucket, codearts, devcloud]");
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
        errors.forEach(e -> Leaks.assertNotIn(e, forgeToken));
    }

    @Test
    void forgeMapping_atomGitFailsFast_unlessTypeAndHostNamed() {
        Token t = Token.of(forgeToken);
        Authorization atomgit = Authorization.builder("atomgit", URI.create("https://api.atomgit.com/api/v5")).build();
        Authorization selfManaged = Authorization.builder("gitlab", URI.create("https://git.example.com/gitlab/api/v4")).build();
        Authorization github = Authorization.builder("github", URI.create("https://api.github.com")).build();

        assertThatThrownBy(() -> PersonalAuthorization.forForge("ci-token", atomgit, t))
                .isInstanceOf(ValidationException.class).hasMessageContaining("AtomGit has no ServiceStage repository type");
        assertThatThrownBy(() -> PersonalAuthorization.forProvider("ci-token", "atomgit", t))
                .isInstanceOf(ValidationException.class);
        assertThat(PersonalAuthorization.forForge("ci-token", selfManaged, t).host())
                .contains(URI.create("https://git.example.com/gitlab"));
        assertThat(PersonalAuthorization.forForge("ci-token", selfManaged, t).repoType()).isEqualTo(RepoType.GITLAB);
        assertThat(PersonalAuthorization.forForge("ci-token", github, t).host()).isEmpty();
        assertThat(PersonalAuthorization.forProvider("ci-token", "gitee", t).repoType()).isEqualTo(RepoType.GITEE);
        assertThat(PersonalAuthorization.of("ci-token", RepoType.GITEE, t).withHost(URI.create("https://atomgit.com"))
                .host()).contains(URI.create("https://atomgit.com"));
    }

    @Test
    void replace_happyPath_createsVerifiesThenDeletesOld() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(
                okJson(Fixtures.read(getClass(), "create-personal-token1.json").replace("token1", "token2"))));
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces").willReturn(okJson("{\"namespaces\":[{\"id\":\"1\",\"name\":\"tom-repo\"}]}")));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));

        ReplaceReport report = client.replace("token1", PersonalAuthorization.of("token2", RepoType.GITHUB, Token.of(forgeToken)));

        assertThat(report.succeeded()).isTrue();
        assertThat(report.oldKept()).isFalse();
        assertThat(report.events()).filteredOn(e -> e.outcome() != Outcome.STARTED)
                .extracting(RotationEvent::step, RotationEvent::outcome, RotationEvent::target).containsExactly(
                        tuple(Step.INSTALL, Outcome.DONE, "servicestage:token1"),
                        tuple(Step.VERIFY, Outcome.DONE, "servicestage:token1"),
                        tuple(Step.RETIRE, Outcome.DONE, "servicestage:token1"));
        assertThat(report.created()).isTrue();
        assertThat(report.verified()).isTrue();
        forge.wm().verify(getRequestedFor(urlEqualTo("/v1/proj1/git/repos/namespaces")).withHeader("X-Repo-Auth", equalTo("token2")));
        forge.wm().verify(1, deleteRequestedFor(urlEqualTo(AUTHS + "/token1")));
    }

    @Test
    void replace_verificationFails_keepsOldAndRollsBackNew() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(
                okJson(Fixtures.read(getClass(), "create-personal-token1.json").replace("token1", "token2"))));
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0451\",\"error_msg\":\"repository authorization invalid\"}")));
        forge.wm().stubFor(delete(AUTHS + "/token2").willReturn(aResponse().withStatus(204)));

        ReplaceReport report = client.replace("token1", PersonalAuthorization.of("token2", RepoType.GITHUB, Token.of(forgeToken)));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.oldKept()).isTrue();
        assertThat(report.failure()).containsInstanceOf(RepoAuthorizationException.class);
        assertThat(report.events()).filteredOn(e -> e.outcome() != Outcome.STARTED)
                .extracting(RotationEvent::step, RotationEvent::outcome, RotationEvent::target).containsExactly(
                        tuple(Step.INSTALL, Outcome.DONE, "servicestage:token1"),
                        tuple(Step.VERIFY, Outcome.FAILED, "servicestage:token1"),
                        tuple(Step.RETIRE, Outcome.DONE, "servicestage:token2"));
        assertThat(report.created()).isFalse();
        assertThat(report.verified()).isFalse();
        assertThat(report.failedStep()).map(RotationEvent::step).contains(Step.VERIFY);
        forge.wm().verify(0, deleteRequestedFor(urlEqualTo(AUTHS + "/token1")));
        forge.wm().verify(1, deleteRequestedFor(urlEqualTo(AUTHS + "/token2")));
        assertThat(report.toString()).doesNotContain(forgeToken);
    }

    @Test
    void replace_createFails_neverDeletesOld() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0403\",\"error_msg\":\"resource already exist\"}")));

        ReplaceReport report = client.replace("token1", PersonalAuthorization.of("token2", RepoType.GITHUB, Token.of(forgeToken)));

        assertThat(report.oldKept()).isTrue();
        assertThat(report.failure()).containsInstanceOf(ConflictException.class);
        assertThat(report.events()).filteredOn(e -> e.outcome() != Outcome.STARTED)
                .extracting(RotationEvent::step, RotationEvent::outcome).containsExactly(tuple(Step.INSTALL, Outcome.FAILED));
        assertThat(report.created()).isFalse();
        forge.wm().verify(0, deleteRequestedFor(urlPathEqualTo(AUTHS + "/token1")));
        forge.wm().verify(0, getRequestedFor(urlPathEqualTo("/v1/proj1/git/repos/namespaces")));
    }

    @Test
    void inspect_describesTheCredential_activeOrInvalid() {
        forge.wm().stubFor(get(AUTHS).inScenario("i").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))).willSetStateTo("rejected"));
        forge.wm().stubFor(get(AUTHS).inScenario("i").whenScenarioStateIs("rejected").willReturn(aResponse().withStatus(401)
                .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"token expired\"}")));

        Authorization ok = client.inspect();
        Authorization rejected = client.inspect();

        assertThat(ok.status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(ok.tokenKind()).contains("iam-token");
        assertThat(ok.raw()).containsEntry("authorizations", 4).containsEntry("project_id", "proj1");
        assertThat(rejected.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(ok.toString()).doesNotContain(iamToken);
    }

    @Test
    void unsupportedOperations_sayWhatToDoInstead() {
        assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.INSPECT, Capability.LIST,
                Capability.GET, Capability.REVOKE, Capability.AUTHENTICATE_REQUESTS);
        assertThatThrownBy(() -> client.tokens().create(TokenSpec.of("x", List.of(), LocalDate.of(2027, 1, 1))))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("createPersonal");
        assertThatThrownBy(() -> client.tokens().rotate("token1"))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("replace");
        assertThatThrownBy(client::gitCredentials).isInstanceOf(UnsupportedCapabilityException.class);
    }

    @Test
    void discovery_byIdAndByHost() {
        assertThat(patkit.providers()).contains("servicestage");
        ProviderClient byHost = patkit.clientForHost(
                URI.create("https://servicestage.ap-southeast-1.myhuaweicloud.com/v1/0123abc"), IamToken.of(Token.of(iamToken)));
        assertThat(byHost).isInstanceOf(ServiceStageClient.class);
        assertThat(byHost.baseUri()).isEqualTo(URI.create("https://servicestage.ap-southeast-1.myhuaweicloud.com/v1/0123abc"));
        assertThat(byHost.unwrap(ServiceStageClient.class).projectId()).isEqualTo("0123abc");
        assertThat(patkit.factory("servicestage").defaultBaseUri())
                .isEqualTo(URI.create("https://servicestage.cn-north-4.myhuaweicloud.com"));
        assertThat(patkit.factory("servicestage").baseUriFor(URI.create("https://github.com"))).isEmpty();
        assertThat(ServiceStageClientFactory.endpoint("cn-north-4", "abc"))
                .isEqualTo(URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/abc"));
        assertThatThrownBy(() -> ServiceStageClientFactory.endpoint("mars-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cn-north-4");
    }

    @Test
    void create_rejectsOtherCredentialKinds_withoutTheSecret() {
        dev.patkit.core.Credential foreign = () -> "abcd1234";
        assertThatThrownBy(() -> patkit.client("servicestage", foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IamToken, IamPassword or AccessKey");
        // A core Token is accepted as an IAM token.
        assertThat(patkit.client("servicestage", URI.create(forge.wm().baseUrl() + "/v1/p"), Token.of(iamToken)))
                .isInstanceOf(ServiceStageClient.class);
    }

    @Test
    void toStrings_showNoSecrets() {
        assertThat(client.toString()).doesNotContain(iamToken);
        assertThat(IamToken.of(Token.of(iamToken)).toString()).startsWith("IamToken[sha256:").doesNotContain(iamToken);
        assertThat(PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken)).toString())
                .doesNotContain(forgeToken);
        assertThat(Optional.of(client).toString()).doesNotContain(iamToken);
    }
}
