package dev.patkit.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.Credential;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.RedirectRefusedException;
import dev.patkit.core.Token;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.IamPassword;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transport rules of reliability promises 28 to 32 for every provider and every credential
 * type, on the blocking and the async path: no secret over plain http off loopback (a name that
 * only looks local is not), no user info in any URL, and no answer from another origin reported as
 * the token's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportSafetyAcrossProvidersTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    Patkit patkit;

    @BeforeAll
    void patkit() {
        patkit = Patkit.builder().options(PatkitOptions.builder()
                .sleeper(d -> CompletableFuture.completedFuture(null)).build()).build();
    }

    @AfterAll
    void close() {
        patkit.close();
    }

    @BeforeEach
    void clear() {
        LogCapture.clear();
    }

    /** One provider with one kind of credential. */
    record Case(String name, String providerId, String basePath, String secret, Credential credential) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (Forge f : Forge.values()) {
            String s = f.newSecret();
            all.add(new Case(f.id + " token", f.id, f.basePath, s, f.credential(s)));
        }
        String password = Canary.opaque();
        all.add(new Case("servicestage IAM password", "servicestage", "/v1/proj1", password,
                IamPassword.of("acme", "bot", password, "cn-north-4")));
        String sk = Canary.opaque();
        all.add(new Case("servicestage AK/SK", "servicestage", "/v1/proj1", sk, AccessKey.of("AKEXAMPLE0000000", sk)));
        return all;
    }

    static Stream<Arguments> casesAndHosts() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (String host : List.of("forge.example:8080", "127.0.0.1.attacker.example", "localhost.example.com",
                    "localhost.", "127.0.0.1.nip.io:" + api.getPort())) {
                out.add(Arguments.of(c, host));
            }
        }
        return out.stream();
    }

    private ProviderClient client(Case c, String base) {
        Credential credential = c.credential();
        if (credential instanceof IamPassword p) {
            credential = p.withIamEndpoint(URI.create(base.replaceFirst("/v1/proj1$", "")));
        }
        return patkit.client(c.providerId(), URI.create(base), credential);
    }

    private static void refused(Case c, Supplier<CompletableFuture<?>> async, Runnable blocking) {
        for (Throwable e : List.of(catchThrowable(() -> Futures.join(async.get())), catchThrowable(blocking::run))) {
            assertThat(e).as(c.name()).isInstanceOf(InsecureTransportException.class).hasMessageContaining("plain http");
            Leaks.assertNotIn(e, c.secret());
        }
    }

    @ParameterizedTest(name = "{0} at http://{1}")
    @MethodSource("casesAndHosts")
    void plainHttpOffLoopback_isRefusedBeforeSending_forEveryProviderAndCredential(Case c, String host) {
        ProviderClient client = client(c, "http://" + host + c.basePath());
        refused(c, () -> client.async().inspect(), client::inspect);
        if (c.providerId().equals("github")) {
            // Sent without authentication, but the body carries the token: the same rule.
            refused(c, () -> client.tokens().async().revoke("self"), () -> client.tokens().revoke("self"));
        }
        assertThat(api.getAllServeEvents()).isEmpty();
        Leaks.assertNotLogged(c.secret());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void userInfoInABaseOrARequest_isRefused_withoutEchoingIt(Case c) {
        for (String base : List.of("https://bot:" + c.secret() + "@forge.example" + c.basePath(),
                "http://" + c.secret() + "@127.0.0.1:" + api.getPort() + c.basePath())) {
            assertThatThrownBy(() -> client(c, base)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not hold user info").satisfies(e -> Leaks.assertNotIn(e, c.secret()));
        }
        ProviderClient client = client(c, api.baseUrl() + c.basePath());
        URI mine = URI.create("http://bot:" + c.secret() + "@localhost:" + api.getPort() + c.basePath() + "/x");
        assertThatThrownBy(() -> client.authenticate(HttpRequest.newBuilder(mine)))
                .isInstanceOf(InsecureTransportException.class).satisfies(e -> Leaks.assertNotIn(e, c.secret()));
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void clientForHost_refusesUserInfo() {
        String secret = Canary.gitlab();
        for (String url : List.of("https://oauth2:" + secret + "@gitlab.com", "https://x:" + secret + "@github.com")) {
            assertThatThrownBy(() -> patkit.clientForHost(URI.create(url), Token.of(secret)))
                    .isInstanceOf(IllegalArgumentException.class).satisfies(e -> Leaks.assertNotIn(e, secret));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anInspectionRedirectedToAnotherOrigin_failsWithTheRefusal_neverReportsTheStrangersAnswer(Case c) {
        api.resetAll();
        elsewhere.resetAll();
        api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/user")));
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":7,\"login\":\"stranger\",\"active\":true,\"revoked\":false,\"scopes\":[\"api\"],"
                        + "\"authorizations\":[],\"token\":{\"expires_at\":\"2099-01-01T00:00:00.000000Z\"}}")));
        ProviderClient client = client(c, api.baseUrl() + c.basePath());
        for (Throwable e : List.of(catchThrowable(() -> Futures.join(client.async().inspect())), catchThrowable(client::inspect))) {
            assertThat(e).as(c.name()).isInstanceOf(RedirectRefusedException.class).hasMessageContaining("another origin");
            Leaks.assertNotIn(e, c.secret());
        }
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
        Leaks.assertNotLogged(c.secret());
    }
}
