package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.core.testing.ProviderHarness;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The canary token never reaches a log line, an exception message or a {@code toString()}. */
class SecretLeakTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)));


    private URI base() {
        return forge.baseUri();
    }

    @Test
    void everyPath_keepsTheTokenOutOfLogsMessagesAndToString() {
        RecordedToken record = RecordedToken.builder().name("ci").scopes("repo").expiresAt(ProviderHarness.NOW.plusSeconds(60)).build();
        AtomGitClient client = forge.patkit().client("atomgit", base(), AtomGitCredential.of(Token.of(forge.canary()), record))
                .unwrap(AtomGitClient.class);
        List<Object> seen = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();

        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody(Fixtures.read(SecretLeakTest.class, "user.json"))
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(ProviderHarness.NOW.getEpochSecond() + 600))));
        Authorization active = client.inspect();
        seen.add(active);
        seen.add(active.raw());
        errors.add(catchThrowable(client::inspect)); // budget exhausted, wait passes the deadline

        forge.wm().resetAll();
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"401 Unauthorized: " + forge.canary() + "\"}")));
        Patkit other = Patkit.builder().options(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none())
                .build()).build();
        try (other) {
            AtomGitClient fresh = other.client("atomgit", base(), Token.of(forge.canary())).unwrap(AtomGitClient.class);
            seen.add(fresh.inspect());
            errors.add(catchThrowable(fresh::gitCredentials));
            forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(500)
                    .withBody("internal error for token " + forge.canary())));
            errors.add(catchThrowable(fresh::inspect));
            errors.add(catchThrowable(() -> fresh.tokens().revoke(forge.canary())));
            seen.add(fresh);
        }
        GitCredentials git = client.gitCredentials();
        seen.add(git);
        seen.add(client);
        seen.add(client.withRecord(record));
        seen.add(AtomGitCredential.of(Token.of(forge.canary()), record));
        seen.add(client.recordedAuthorization());

        assertThat(errors).hasSize(4).doesNotContainNull();
        errors.forEach(e -> Leaks.assertNotIn(e, forge.canary()));
        assertThat(seen).allSatisfy(o -> assertThat(String.valueOf(o)).doesNotContain(forge.canary()));
        Leaks.assertNotLogged(forge.canary());
        // The capture works: the pipeline and the client did log.
        assertThat(LogCapture.all()).contains("/api/v5/user").contains("yinlin");
    }

    @Test
    void credential_isNotSerialisableByAccident() throws Exception {
        AtomGitCredential credential = AtomGitCredential.of(Token.of(forge.canary()), RecordedToken.builder().name("n").build());

        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> out.writeObject(credential)).isInstanceOf(NotSerializableException.class);
        }
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(credential);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = e.getMessage();
        }
        assertThat(json).doesNotContain(forge.canary());
        assertThat(credential.fingerprint()).isEqualTo(Token.of(forge.canary()).fingerprint());
    }

    @Test
    void authenticate_addsBearerOnlyForTheClientsOrigin() throws Exception {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/repos/o/r")).withHeader("Authorization", equalTo("Bearer " + forge.canary()))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        AtomGitClient client = forge.patkit().client("atomgit", base(), Token.of(forge.canary())).unwrap(AtomGitClient.class);

        HttpRequest.Builder mine = client.authenticate(HttpRequest.newBuilder(URI.create(forge.wm().baseUrl() + "/api/v5/repos/o/r")));
        int status = java.net.http.HttpClient.newHttpClient()
                .send(mine.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(status).isEqualTo(200);
        Throwable elsewhere = catchThrowable(() -> client.authenticate(
                HttpRequest.newBuilder(URI.create("https://evil.example/api/v5/user"))));
        assertThat(elsewhere).isInstanceOf(InsecureTransportException.class);
        Leaks.assertNotIn(elsewhere, forge.canary());
    }

    @Test
    void plainHttpToAPublicHost_isRefusedBeforeAnythingIsSent() {
        AtomGitClient client = forge.patkit().client("atomgit", URI.create("http://api.atomgit.com/api/v5"), Token.of(forge.canary()))
                .unwrap(AtomGitClient.class);

        Throwable t = catchThrowable(client::inspect);

        assertThat(t).isInstanceOf(InsecureTransportException.class);
        Leaks.assertNotIn(t, forge.canary());
    }

    @Test
    void malformedToken_isRefusedWithoutEchoingIt() {
        Throwable t = catchThrowable(() -> Token.of(forge.canary() + "\n"));

        assertThat(t).isInstanceOf(InvalidTokenException.class);
        Leaks.assertNotIn(t, forge.canary());
    }
}
