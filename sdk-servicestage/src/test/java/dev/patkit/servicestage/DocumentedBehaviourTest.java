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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.patkit.core.Patkit;
import dev.patkit.core.ServerException;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ServiceStage behaviour its documentation fixes and the first implementation had wrong. Each
 * test names the section of {@code reference/atomgit-servicestage.md} it follows.
 */
class DocumentedBehaviourTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("").options(b -> b.callTimeout(Duration.ofSeconds(20)));

    private static final String AUTHS = "/v1/proj1/git/auths";
    private static final String CONTENT_TYPE = "application/json;charset=utf8";
    private static final String EMPTY_LIST = "{\"authorizations\":[],\"count\":0}";

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

    /**
     * atomgit-servicestage.md, B.2, "Request headers": Content-Type is mandatory on every call, the
     * body-less GET and DELETE included.
     */
    @Test
    void everyCall_sendsTheDocumentedContentType_exactlyOnce() {
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(EMPTY_LIST)));
        forge.wm().stubFor(get(AUTHS + "/github/redirect").willReturn(okJson("{\"url\":\"https://github.com/login/oauth\"}")));
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(okJson(Fixtures.read(getClass(), "create-personal-token1.json"))));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));

        client.listAuthorizations();
        client.oauthRedirectUrl(RepoType.GITHUB);
        client.createPersonal(PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken)));
        client.delete("token1");

        assertThat(forge.wm().getAllServeEvents()).hasSize(4).allSatisfy(e -> {
            LoggedRequest r = e.getRequest();
            assertThat(r.getHeaders().getHeader("Content-Type").values()).as(r.getMethod() + " " + r.getUrl())
                    .containsExactly(CONTENT_TYPE);
        });
    }

    /**
     * atomgit-servicestage.md, B.2, "repo_type values", password: {@code codearts} and {@code
     * bitbucket} (current CN docs), legacy {@code devcloud}.
     */
    @Test
    void createPassword_acceptsCodeArtsBitbucketAndLegacyDevCloud() {
        for (String type : new String[] {"codearts", "bitbucket", "devcloud"}) {
            forge.wm().stubFor(post(AUTHS + "/" + type + "/password").willReturn(okJson("{\"authorization\":{\"name\":\"pw-"
                    + type + "\",\"repo_type\":\"" + type + "\",\"token_type\":\"password\",\"status\":0}}")));
        }

        Registration codearts = client.createPassword("pw-codearts", RepoType.CODEARTS, "alice", Token.of(forgeToken));
        client.createPassword("pw-bitbucket", RepoType.BITBUCKET, "alice", Token.of(forgeToken));
        client.createPassword("pw-devcloud", RepoType.DEVCLOUD, "alice", Token.of(forgeToken));

        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/codearts/password"))
                .withRequestBody(equalToJson("{\"name\":\"pw-codearts\",\"user\":\"alice\",\"password\":\"" + forgeToken + "\"}")));
        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/bitbucket/password")));
        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/devcloud/password")));
        assertThat(codearts.authorization().knownRepoType()).contains(RepoType.CODEARTS);
        assertThat(RepoType.fromWire("CodeArts")).contains(RepoType.CODEARTS);
        assertThat(RepoType.PASSWORD).containsExactlyInAnyOrder(RepoType.CODEARTS, RepoType.BITBUCKET, RepoType.DEVCLOUD);
    }

    /**
     * atomgit-servicestage.md, B.2, "Request-body fields", AccessToken.host: nothing requires https; a forge on a private
     * network may be http. It is sent, and the result says the forge is on plain http.
     */
    @Test
    void createPersonal_withAnHttpForgeHost_isSent_andTheResultSaysSo() {
        forge.wm().stubFor(post(AUTHS + "/gitlab/personal").willReturn(okJson("{\"authorization\":{\"name\":\"lab-ci\","
                + "\"repo_type\":\"gitlab\",\"token_type\":\"personal\",\"repo_user\":\"ci\",\"status\":0}}")));

        Registration r = client.createPersonal(PersonalAuthorization.of("lab-ci", RepoType.GITLAB, Token.of(forgeToken))
                .withHost(URI.create("http://10.0.0.8:8080/gitlab")));

        forge.wm().verify(1, postRequestedFor(urlEqualTo(AUTHS + "/gitlab/personal")).withRequestBody(equalToJson(
                "{\"name\":\"lab-ci\",\"token\":\"" + forgeToken + "\",\"host\":\"http://10.0.0.8:8080/gitlab\"}")));
        assertThat(r.authorization().repoHost()).contains("http://10.0.0.8:8080/gitlab");
        assertThat(r.authorization().hostOnPlainHttp()).isTrue();
    }

    @Test
    void createPersonal_withAnHttpsHostEchoed_isNotFlagged() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(okJson(Fixtures.read(getClass(), "create-personal-token1.json"))));

        Registration r = client.createPersonal(PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken))
                .withHost(URI.create("http://ignored.example")));

        assertThat(r.authorization().repoHost()).contains("https://api.github.com");
        assertThat(r.authorization().hostOnPlainHttp()).isFalse();
    }

    /**
     * atomgit-servicestage.md, B.2, "Status codes documented per operation": delete answers 204, or
     * 500 as its only documented error.
     */
    @Test
    void delete_answered500_butGoneFromTheList_completes() {
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(500)
                .withBody("{\"error_code\":\"SVCSTG.REPO.5000\",\"error_msg\":\"internal error\"}")));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(EMPTY_LIST)));

        client.delete("token1");

        forge.wm().verify(getRequestedFor(urlEqualTo(AUTHS)));
        assertThat(forge.wm().findAll(deleteRequestedFor(urlEqualTo(AUTHS + "/token1")))).isNotEmpty();
    }

    @Test
    void delete_answered500_andStillListed_reportsTheServerError() {
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(500)
                .withBody("{\"error_code\":\"SVCSTG.REPO.5000\",\"error_msg\":\"internal error\"}")));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson("{\"authorizations\":[{\"name\":\"token1\",\"repo_type\":\"github\","
                + "\"token_type\":\"personal\",\"status\":0}],\"count\":1}")));

        Throwable e = catchThrowable(() -> client.delete("token1"));

        assertThat(e).isInstanceOf(ServerException.class).hasMessageContaining("SVCSTG.REPO.5000");
        assertThat(((ServerException) e).httpStatus()).isEqualTo(500);
        forge.wm().verify(1, getRequestedFor(urlEqualTo(AUTHS)));
    }

    @Test
    void delete_204_sendsOneDeleteAndNoList() {
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));

        client.delete("token1");

        forge.wm().verify(1, deleteRequestedFor(urlEqualTo(AUTHS + "/token1")).withHeader("X-Auth-Token", equalTo(iamToken)));
        forge.wm().verify(0, getRequestedFor(urlEqualTo(AUTHS)));
    }
}
