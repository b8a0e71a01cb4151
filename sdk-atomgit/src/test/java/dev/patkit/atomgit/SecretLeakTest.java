package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.patkit.atomgit.AtomGitTestSupport.NOW;
import static dev.patkit.atomgit.AtomGitTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.Authorization;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.core.testing.RecordingSleeper;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The canary token never reaches a log line, an exception message or a {@code toString()}. */
class SecretLeakTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final String secret = Canary.opaque();
    private Patkit patkit;

    @BeforeEach
    void setUp() {
        LogCapture.clear();
        patkit = AtomGitTestSupport.patkit(AtomGitTestSupport.options(new RecordingSleeper())
                .callTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterEach
    void tearDown() {
        patkit.close();
    }

    private URI base() {
        return URI.create(wm.baseUrl() + "/api/v5");
    }

    @Test
    void everyPath_keepsTheTokenOutOfLogsMessagesAndToString() {
        RecordedToken record = RecordedToken.builder().name("ci").scopes("repo").expiresAt(NOW.plusSeconds(60)).build();
        AtomGitClient client = patkit.client("atomgit", base(), AtomGitCredential.of(Token.of(secret), record))
                .unwrap(AtomGitClient.class);
        List<Object> seen = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();

        wm.stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody(fixture("user.json"))
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 600))));
        Authorization active = client.inspect();
        seen.add(active);
        seen.add(active.raw());
        errors.add(catchThrowable(client::inspect)); // budget exhausted, wait passes the deadline

        wm.resetAll();
        wm.stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"401 Unauthorized: " + secret + "\"}")));
        Patkit other = AtomGitTestSupport.patkit(AtomGitTestSupport.options(new RecordingSleeper())
                .build());
        try (other) {
            AtomGitClient fresh = other.client("atomgit", base(), Token.of(secret)).unwrap(AtomGitClient.class);
            seen.add(fresh.inspect());
            errors.add(catchThrowable(fresh::gitCredentials));
            wm.stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(500)
                    .withBody("internal error for token " + secret)));
            errors.add(catchThrowable(fresh::inspect));
            errors.add(catchThrowable(() -> fresh.revoke(secret)));
            seen.add(fresh);
        }
        GitCredentials git = client.gitCredentials();
        seen.add(git);
        seen.add(client);
        seen.add(client.withRecord(record));
        seen.add(AtomGitCredential.of(Token.of(secret), record));
        seen.add(client.recordedAuthorization());

        assertThat(errors).hasSize(4).doesNotContainNull();
        errors.forEach(e -> Leaks.assertNotIn(e, secret));
        assertThat(seen).allSatisfy(o -> assertThat(String.valueOf(o)).doesNotContain(secret));
        Leaks.assertNotLogged(secret);
        // The capture works: the pipeline and the client did log.
        assertThat(LogCapture.all()).contains("/api/v5/user").contains("yinlin");
    }

    @Test
    void credential_isNotSerialisableByAccident() throws Exception {
        AtomGitCredential credential = AtomGitCredential.of(Token.of(secret), RecordedToken.builder().name("n").build());

        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> out.writeObject(credential)).isInstanceOf(NotSerializableException.class);
        }
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(credential);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = e.getMessage();
        }
        assertThat(json).doesNotContain(secret);
        assertThat(credential.fingerprint()).isEqualTo(Token.of(secret).fingerprint());
    }

    @Test
    void authenticate_addsBearerOnlyForTheClientsOrigin() throws Exception {
        wm.stubFor(get(urlEqualTo("/api/v5/repos/o/r")).withHeader("Authorization", equalTo("Bearer " + secret))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        AtomGitClient client = patkit.client("atomgit", base(), Token.of(secret)).unwrap(AtomGitClient.class);

        HttpRequest.Builder mine = client.authenticate(HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/api/v5/repos/o/r")));
        int status = java.net.http.HttpClient.newHttpClient()
                .send(mine.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(status).isEqualTo(200);
        Throwable elsewhere = catchThrowable(() -> client.authenticate(
                HttpRequest.newBuilder(URI.create("https://evil.example/api/v5/user"))));
        assertThat(elsewhere).isInstanceOf(InsecureTransportException.class);
        Leaks.assertNotIn(elsewhere, secret);
    }

    @Test
    void plainHttpToAPublicHost_isRefusedBeforeAnythingIsSent() {
        AtomGitClient client = patkit.client("atomgit", URI.create("http://api.atomgit.com/api/v5"), Token.of(secret))
                .unwrap(AtomGitClient.class);

        Throwable t = catchThrowable(client::inspect);

        assertThat(t).isInstanceOf(InsecureTransportException.class);
        Leaks.assertNotIn(t, secret);
    }

    @Test
    void malformedToken_isRefusedWithoutEchoingIt() {
        Throwable t = catchThrowable(() -> Token.of(secret + "\n"));

        assertThat(t).isInstanceOf(InvalidTokenException.class);
        Leaks.assertNotIn(t, secret);
    }
}
