package dev.patkit.servicestage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IAM password login, token caching and renewal, and project-id resolution. */
class IamPasswordTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("").options(b -> b.callTimeout(Duration.ofSeconds(20)));

    private static final String LOGIN = "/v3/auth/tokens?nocatalog=true";
    private static final String AUTHS = "/v1/proj1/git/auths";
    private static final String EMPTY_LIST = "{\"authorizations\":[],\"count\":0}";

    private final String password = Canary.opaque();
    private final String token1 = Canary.opaque();
    private final String token2 = Canary.opaque();
    private Patkit patkit;
    private ServiceStageClient client;

    @BeforeEach
    void setUp() {
        forge.clock().set(Instant.parse("2026-01-01T00:00:00Z"));
        patkit = forge.patkit();
        IamPassword login = IamPassword.of("my-account", "ci-user", password, "cn-north-4")
                .withIamEndpoint(URI.create(forge.wm().baseUrl()));
        client = patkit.client("servicestage", URI.create(forge.wm().baseUrl() + "/v1/proj1"), login)
                .unwrap(ServiceStageClient.class);
    }

    @AfterEach
    void noLeaks() {
        for (String secret : new String[] {password, token1, token2}) {
            Leaks.assertNotLogged(secret);
        }
    }

    private void stubLogin(String scenarioState, String nextState, String token, String expiresAt) {
        var stub = post(LOGIN).willReturn(aResponse().withStatus(201).withHeader("X-Subject-Token", token)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":{\"expires_at\":\"" + expiresAt + "\",\"methods\":[\"password\"],"
                        + "\"project\":{\"name\":\"cn-north-4\",\"id\":\"proj1\"}}}"));
        if (scenarioState != null) {
            stub = stub.inScenario("login").whenScenarioStateIs(scenarioState).willSetStateTo(nextState);
        }
        forge.wm().stubFor(stub);
    }

    @Test
    void login_readsSubjectTokenFrom201_andCachesIt() {
        stubLogin(null, null, token1, "2026-01-02T00:00:00.000000Z");
        forge.wm().stubFor(get(AUTHS).withHeader("X-Auth-Token", equalTo(token1)).willReturn(okJson(EMPTY_LIST)));

        client.listAuthorizations();
        client.listAuthorizations();

        forge.wm().verify(1, postRequestedFor(urlEqualTo(LOGIN)).withRequestBody(equalToJson("{\"auth\":{"
                + "\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"ci-user\","
                + "\"password\":\"" + password + "\",\"domain\":{\"name\":\"my-account\"}}}},"
                + "\"scope\":{\"project\":{\"name\":\"cn-north-4\"}}}}")));
        forge.wm().verify(2, getRequestedFor(urlEqualTo(AUTHS)).withHeader("X-Auth-Token", equalTo(token1)));
    }

    @Test
    void login_renewedShortlyBeforeExpiry() {
        stubLogin(Scenario.STARTED, "second", token1, "2026-01-01T01:00:00Z");
        stubLogin("second", "third", token2, "2026-01-02T01:00:00Z");
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(EMPTY_LIST)));

        client.listAuthorizations();
        forge.clock().set(Instant.parse("2026-01-01T00:54:00Z"));
        client.listAuthorizations();
        forge.clock().set(Instant.parse("2026-01-01T00:56:00Z"));
        client.listAuthorizations();

        forge.wm().verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        forge.wm().verify(2, getRequestedFor(urlEqualTo(AUTHS)).withHeader("X-Auth-Token", equalTo(token1)));
        forge.wm().verify(1, getRequestedFor(urlEqualTo(AUTHS)).withHeader("X-Auth-Token", equalTo(token2)));
    }

    @Test
    void unauthorized_renewsTokenExactlyOnce_andSucceeds() {
        stubLogin(Scenario.STARTED, "second", token1, "2026-01-02T00:00:00Z");
        stubLogin("second", "third", token2, "2026-01-02T00:00:00Z");
        forge.wm().stubFor(get(AUTHS).withHeader("X-Auth-Token", equalTo(token1)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}")));
        forge.wm().stubFor(get(AUTHS).withHeader("X-Auth-Token", equalTo(token2)).willReturn(okJson(EMPTY_LIST)));

        assertThat(client.listAuthorizations()).isEmpty();

        forge.wm().verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        forge.wm().verify(2, getRequestedFor(urlEqualTo(AUTHS)));
    }

    @Test
    void unauthorizedTwice_failsAfterOneRenewal() {
        stubLogin(Scenario.STARTED, "second", token1, "2026-01-02T00:00:00Z");
        stubLogin("second", "third", token2, "2026-01-02T00:00:00Z");
        stubLogin("third", "fourth", Canary.opaque(), "2026-01-02T00:00:00Z");
        forge.wm().stubFor(get(AUTHS).willReturn(aResponse().withStatus(401)
                .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"token invalid\"}")));

        Throwable e = catchThrowable(() -> client.listAuthorizations());

        assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("APIGW.0301");
        forge.wm().verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        forge.wm().verify(2, getRequestedFor(urlEqualTo(AUTHS)));
        Leaks.assertNotIn(e, password);
        Leaks.assertNotIn(e, token1);
        Leaks.assertNotIn(e, token2);
    }

    @Test
    void wrongPassword_raisesAuthenticationWithoutThePassword() {
        forge.wm().stubFor(post(LOGIN).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":401,\"message\":\"The username or password is wrong: " + password
                        + "\",\"title\":\"Unauthorized\"}}")));

        Throwable e = catchThrowable(() -> client.listAuthorizations());

        assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("username or password is wrong");
        Leaks.assertNotIn(e, password);
        forge.wm().verify(0, getRequestedFor(urlEqualTo(AUTHS)));
    }

    @Test
    void loginEchoingThePassword_neitherLogsNorRaisesIt() {
        // IAM quotes the whole request back in a 400 and in a header: the password is carried as a Token
        // in the login body, so it is removed from every message and log line about that answer.
        forge.wm().stubFor(post(LOGIN).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withHeader("X-Echo", password)
                .withBody("{\"error\":{\"code\":\"1100\",\"message\":\"Bad request body: {\\\"password\\\":\\\""
                        + password + "\\\"} (" + password + ")\",\"title\":\"Bad Request\"}}")));

        Throwable blocking = catchThrowable(() -> client.listAuthorizations());
        Throwable async = catchThrowable(() -> client.async().listAuthorizations().join());

        assertThat(blocking).isInstanceOf(ValidationException.class).hasMessageContaining("Bad request body")
                .hasMessageContaining("***");
        Leaks.assertNotIn(blocking, password);
        Leaks.assertNotIn(async, password);
        forge.wm().verify(2, postRequestedFor(urlEqualTo(LOGIN)).withRequestBody(equalToJson("{\"auth\":{\"identity\":"
                + "{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"ci-user\",\"password\":\"" + password
                + "\",\"domain\":{\"name\":\"my-account\"}}}},\"scope\":{\"project\":{\"name\":\"cn-north-4\"}}}}")));
        assertThat(LogCapture.all()).contains("auth/tokens").doesNotContain(password);
        forge.wm().verify(0, getRequestedFor(urlEqualTo(AUTHS)));
    }

    @Test
    void loginWithoutSubjectToken_failsClearly() {
        forge.wm().stubFor(post(LOGIN).willReturn(aResponse().withStatus(201).withBody("{\"token\":{}}")));

        assertThatThrownBy(() -> client.listAuthorizations()).hasMessageContaining("X-Subject-Token");
    }

    @Test
    void plainHttpIamEndpoint_isRefusedForThePassword() {
        IamPassword remote = IamPassword.of("d", "u", password, "cn-north-4")
                .withIamEndpoint(URI.create("http://iam.example.com"));

        ServiceStageClient c = patkit.client("servicestage", URI.create(forge.wm().baseUrl() + "/v1/p"), remote)
                .unwrap(ServiceStageClient.class);

        // Refused by core's transport rule on the login POST, before anything is sent anywhere.
        Throwable e = catchThrowable(c::listAuthorizations);
        assertThat(e).isInstanceOf(InsecureTransportException.class).hasMessageContaining("plain http")
                .hasMessageContaining("http://iam.example.com");
        Leaks.assertNotIn(e, password);
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }

    @Test
    void credentials_areRedactedAndCompareByValue() {
        IamPassword a = IamPassword.of("d", "u", password, "cn-north-4");
        assertThat(a.toString()).startsWith("IamPassword[sha256:").doesNotContain(password).doesNotContain("u@d");
        assertThat(a).isEqualTo(IamPassword.of("d", "u", password, "cn-north-4"));
        assertThat(a).isNotEqualTo(IamPassword.of("d", "u", password + "x", "cn-north-4"));
        assertThat(a.fingerprint()).hasSize(8);
        assertThatThrownBy(() -> IamPassword.of("d", "u", "line\nbreak", "cn-north-4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("break");
        // A password people chose may hold spaces and any script: held as Token.password, shown nowhere.
        IamPassword spaced = IamPassword.of("d", "u", "zwei Wörter 密码", "cn-north-4");
        assertThat(spaced.password().reveal()).isEqualTo("zwei Wörter 密码");
        assertThat(spaced.toString()).doesNotContain("Wörter");
        assertThat(a.password()).isEqualTo(Token.of(password));
    }

    // ---- project id resolution --------------------------------------------------------------

    private ServiceStageClient clientWithoutProject() {
        IamToken token = IamToken.of(Token.of(token1)).withRegion("cn-north-4").withIamEndpoint(URI.create(forge.wm().baseUrl()));
        return patkit.client("servicestage", URI.create(forge.wm().baseUrl()), token).unwrap(ServiceStageClient.class);
    }

    @Test
    void projectId_resolvedOnceThroughIam() {
        forge.wm().stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson(
                "{\"projects\":[{\"id\":\"0605767b5f00d5762fe0c01f\",\"name\":\"cn-north-4\",\"enabled\":true}]}")));
        forge.wm().stubFor(get("/v1/0605767b5f00d5762fe0c01f/git/auths").willReturn(okJson(EMPTY_LIST)));
        ServiceStageClient c = clientWithoutProject();

        c.listAuthorizations();
        c.listAuthorizations();

        assertThat(c.projectId()).isEqualTo("0605767b5f00d5762fe0c01f");
        forge.wm().verify(1, getRequestedFor(urlEqualTo("/v3/projects?name=cn-north-4")).withHeader("X-Auth-Token", equalTo(token1)));
        forge.wm().verify(2, getRequestedFor(urlEqualTo("/v1/0605767b5f00d5762fe0c01f/git/auths")));
    }

    @Test
    void projectId_noMatch_failsClearly() {
        forge.wm().stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson("{\"projects\":[]}")));

        assertThatThrownBy(() -> clientWithoutProject().listAuthorizations()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no project named 'cn-north-4'").hasMessageContaining("/v1/{project_id}");
    }

    @Test
    void projectId_severalMatches_failsNamingThem() {
        forge.wm().stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson("{\"projects\":["
                + "{\"id\":\"aaa111\",\"name\":\"cn-north-4\"},{\"id\":\"bbb222\",\"name\":\"cn-north-4\"}]}")));

        assertThatThrownBy(() -> clientWithoutProject().listAuthorizations()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("2 projects").hasMessageContaining("aaa111").hasMessageContaining("bbb222");
    }

    @Test
    void projectId_noRegionKnown_failsBeforeAnyRequest() {
        ServiceStageClient c = patkit.client("servicestage", URI.create(forge.wm().baseUrl()), IamToken.of(Token.of(token1)))
                .unwrap(ServiceStageClient.class);

        assertThatThrownBy(c::listAuthorizations).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no region is known");
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }
}
