package dev.patkit.servicestage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.servicestage.internal.AkSkSigner;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AK/SK signing end to end: the signature is recomputed from the request WireMock received, so
 * what is signed is what the JDK client sent (host, port, headers, body bytes).
 */
class AkSkClientTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("").options(b -> b.callTimeout(Duration.ofSeconds(20)));

    private static final String AK = "AKEXAMPLE0000000000";
    private static final String AUTHS = "/v1/proj1/git/auths";

    private final String secretKey = Canary.opaque();
    private final String securityToken = Canary.opaque();
    private final String forgeToken = Canary.githubClassic();
    private Patkit patkit;

    @BeforeEach
    void setUp() {
        forge.clock().set(Instant.parse("2026-01-01T00:00:00Z"));
        patkit = forge.patkit();
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(secretKey);
        Leaks.assertNotLogged(securityToken);
        Leaks.assertNotLogged(forgeToken);
    }

    private ServiceStageClient client(AccessKey key, String base) {
        return patkit.client("servicestage", URI.create(base), key).unwrap(ServiceStageClient.class);
    }

    /** Recomputes the signature over exactly what arrived, using the signed-header list the client sent. */
    private void assertSignedAsReceived(LoggedRequest r) {
        String auth = r.getHeader("Authorization");
        assertThat(auth).startsWith("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=");
        String names = auth.substring(auth.indexOf("SignedHeaders=") + 14, auth.indexOf(", Signature="));
        Map<String, String> received = new LinkedHashMap<>();
        for (String name : names.split(";")) {
            if (!name.equals("host")) {
                received.put(name, r.getHeader(name));
            }
        }
        assertThat(names).doesNotContain("content-type").doesNotContain("authorization");
        // Over HTTP/1.1 the JDK sends Host; after an h2c upgrade it sends :authority, which WireMock
        // reports through the absolute URL. Either way it must be what the client signed.
        URI uri = r.containsHeader("Host") ? URI.create("http://" + r.getHeader("Host") + r.getUrl())
                : URI.create(r.getAbsoluteUrl());
        String expected = new AkSkSigner(AK, secretKey).authorization(r.getMethod().getName(), uri, received,
                r.getBody(), r.getHeader("X-Sdk-Date"));
        assertThat(auth).as("headers %s url %s body %d version %s", r.getHeaders(), r.getUrl(), r.getBody().length, r.getProtocol()).isEqualTo(expected);
    }

    @Test
    void get_isSignedWithDateAndProjectHeaders() {
        forge.wm().stubFor(get(AUTHS).willReturn(okJson("{\"authorizations\":[],\"count\":0}")));

        client(AccessKey.of(AK, secretKey), forge.wm().baseUrl() + "/v1/proj1").listAuthorizations();

        LoggedRequest r = forge.wm().getAllServeEvents().get(0).getRequest();
        assertThat(r.getHeader("X-Sdk-Date")).isEqualTo("20260101T000000Z");
        assertThat(r.getHeader("X-Project-Id")).isEqualTo("proj1");
        assertThat(r.containsHeader("X-Auth-Token")).isFalse();
        assertThat(r.getHeader("Authorization")).contains("SignedHeaders=accept;host;user-agent;x-project-id;x-sdk-date,");
        assertSignedAsReceived(r);
    }

    @Test
    void post_signsExactBodyBytes_andSecurityToken() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(okJson(Fixtures.read(getClass(), "create-personal-token1.json"))));
        AccessKey temporary = AccessKey.of(AK, secretKey).withSecurityToken(securityToken);

        client(temporary, forge.wm().baseUrl() + "/v1/proj1").createPersonal(
                PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken)));

        LoggedRequest r = forge.wm().getAllServeEvents().get(0).getRequest();
        assertThat(r.getHeader("X-Security-Token")).isEqualTo(securityToken);
        assertThat(r.getHeader("Authorization")).contains(";x-security-token,");
        assertThat(r.getBodyAsString()).contains(forgeToken);
        assertSignedAsReceived(r);
    }

    @Test
    void signatureExpired_correctsClockFromDateHeader_andRetriesOnce() {
        forge.wm().stubFor(get(AUTHS).inScenario("skew").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fixed")
                .willReturn(aResponse().withStatus(401).withHeader("Date", "Thu, 01 Jan 2026 00:20:00 GMT")
                        .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication"
                                + " information: signature expired, signature time:20260101T000000Z, server"
                                + " time:20260101T002000Z\",\"request_id\":\"r1\"}")));
        forge.wm().stubFor(get(AUTHS).inScenario("skew").whenScenarioStateIs("fixed")
                .willReturn(okJson("{\"authorizations\":[],\"count\":0}")));

        assertThat(client(AccessKey.of(AK, secretKey), forge.wm().baseUrl() + "/v1/proj1").listAuthorizations()).isEmpty();

        List<String> dates = forge.wm().getAllServeEvents().stream().map(e -> e.getRequest().getHeader("X-Sdk-Date"))
                .collect(Collectors.toList());
        assertThat(dates).containsExactlyInAnyOrder("20260101T000000Z", "20260101T002000Z");
        forge.wm().getAllServeEvents().forEach(e -> assertSignedAsReceived(e.getRequest()));
    }

    @Test
    void signatureExpiredAgain_failsWithClockSkewHint_afterOneRetry() {
        forge.wm().stubFor(get(AUTHS).willReturn(aResponse().withStatus(401).withHeader("Date", "Thu, 01 Jan 2026 00:20:00 GMT")
                .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"signature expired\"}")));

        Throwable e = catchThrowable(() -> client(AccessKey.of(AK, secretKey), forge.wm().baseUrl() + "/v1/proj1")
                .listAuthorizations());

        assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("clock")
                .hasMessageContaining("APIGW.0301");
        assertThat(forge.wm().getAllServeEvents()).hasSize(2);
        Leaks.assertNotIn(e, secretKey);
    }

    @Test
    void gatewayEchoingSecurityToken_isRedacted() {
        forge.wm().stubFor(get(AUTHS).willReturn(aResponse().withStatus(401).withBody("{\"error_code\":\"APIGW.0301\","
                + "\"error_msg\":\"verify aksk signature fail, canonicalRequest:GET|x-security-token:" + securityToken + "\"}")));

        Throwable e = catchThrowable(() -> client(AccessKey.of(AK, secretKey).withSecurityToken(securityToken),
                forge.wm().baseUrl() + "/v1/proj1").listAuthorizations());

        assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("verify aksk signature fail");
        Leaks.assertNotIn(e, securityToken);
        assertThat(forge.wm().getAllServeEvents()).hasSize(1);
    }

    @Test
    void projectLookup_isSignedWithoutProjectHeader_thenProjectHeaderIsSent() {
        forge.wm().stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson("{\"projects\":[{\"id\":\"p77\",\"name\":\"cn-north-4\"}]}")));
        forge.wm().stubFor(get("/v1/p77/git/auths").willReturn(okJson("{\"authorizations\":[],\"count\":0}")));
        AccessKey key = AccessKey.of(AK, secretKey).withRegion("cn-north-4").withIamEndpoint(URI.create(forge.wm().baseUrl()));

        client(key, forge.wm().baseUrl()).listAuthorizations();

        LoggedRequest lookup = forge.wm().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v3/projects"))).get(0);
        LoggedRequest list = forge.wm().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/p77/git/auths"))).get(0);
        assertThat(lookup.containsHeader("X-Project-Id")).isFalse();
        assertThat(list.getHeader("X-Project-Id")).isEqualTo("p77");
        assertSignedAsReceived(lookup);
        assertSignedAsReceived(list);
    }

    @Test
    void callerRequest_isSigned() {
        ServiceStageClient c = client(AccessKey.of(AK, secretKey), forge.wm().baseUrl() + "/v1/proj1");
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(forge.wm().baseUrl() + "/v1/proj1/git/repos/namespaces"));

        java.net.http.HttpRequest signed = c.authenticate(b).build();

        assertThat(signed.headers().firstValue("Authorization")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=host;x-project-id;x-sdk-date, Signature="));
        assertThat(signed.headers().firstValue("X-Sdk-Date")).contains("20260101T000000Z");
    }

    @Test
    void accessKey_isRedactedAndComparesByValue() {
        AccessKey k = AccessKey.of(AK, secretKey).withSecurityToken(securityToken);
        assertThat(k.toString()).startsWith("AccessKey[temporary sha256:").doesNotContain(secretKey)
                .doesNotContain(securityToken).doesNotContain(AK);
        assertThat(k).isEqualTo(AccessKey.of(AK, secretKey).withSecurityToken(securityToken));
        assertThat(k).isNotEqualTo(AccessKey.of(AK, secretKey));
        Throwable e = catchThrowable(() -> AccessKey.of(AK, "has space " + secretKey));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        Leaks.assertNotIn(e, secretKey);
    }
}
