package dev.patkit.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.TokenSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The acceptance test of the starter: a fresh application with two Patkit properties, on a random
 * port, asked over HTTP by a plain client as a monitoring system would ask it.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TinyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-details=always",
            "patkit.health.cache-ttl=0s",
            "debug=true"
        })
class TinyApplicationTest {

    @RegisterExtension
    static FakeGitLab gitlab = FakeGitLab.create();

    private static final String SECRET = Canary.gitlab();
    private static FakeToken token;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    Environment environment;

    @BeforeAll
    static void seed() {
        LogCapture.clear();
        token = gitlab.addToken(TokenSeed.named("app").owner(gitlab.addUser("dev", "Dev")).scopes("api")
                .secret(SECRET).expiresOn(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(90)));
    }

    /** The two properties a user sets (the base URL only because the forge is the local fake). */
    @DynamicPropertySource
    static void patkit(DynamicPropertyRegistry registry) {
        registry.add("patkit.providers.gitlab.token", () -> SECRET);
        registry.add("patkit.providers.gitlab.base-url", () -> gitlab.baseUri().toString());
    }

    @AfterAll
    static void tokenWasNeverLogged() {
        assertThat(LogCapture.all()).doesNotContain(SECRET);
    }

    private JsonNode get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        assertThat(r.body()).doesNotContain(SECRET);
        return json.readTree(r.body());
    }

    @Test
    void health_isUpWithTheOwnerAndExpiry_thenDownOnceTheForgeRevokesTheToken_andMetricsShowTheExpiry(
            CapturedOutput output) throws Exception {
        JsonNode up = get("/actuator/health", 200);
        assertThat(up.path("status").asText()).isEqualTo("UP");
        JsonNode patkit = up.path("components").path("patkit");
        assertThat(patkit.path("status").asText()).isEqualTo("UP");
        JsonNode details = patkit.path("details").path("gitlab");
        assertThat(details.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(details.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(details.path("owner").asText()).isEqualTo("dev");
        assertThat(details.path("scopes").toString()).isEqualTo("[\"api\"]");
        assertThat(details.path("expiresAt").asText())
                .isEqualTo(token.expiresAt().orElseThrow().toString());

        JsonNode names = get("/actuator/metrics", 200).path("names");
        assertThat(names.toString()).contains("\"patkit.token.expiry\"", "\"patkit.requests\"");
        JsonNode expiry = get("/actuator/metrics/patkit.token.expiry", 200);
        double seconds = expiry.path("measurements").path(0).path("value").asDouble();
        assertThat(seconds).isBetween(89 * 86_400.0, 90 * 86_400.0);
        assertThat(expiry.path("availableTags").toString()).contains("\"provider\"", "\"gitlab\"", "\"host\"", "\"127.0.0.1\"");

        gitlab.revoke(token);

        JsonNode down = get("/actuator/health", 503);
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("components").path("patkit").path("details").path("gitlab").path("status").asText())
                .isEqualTo("REVOKED");

        assertThat(output.getAll()).doesNotContain(SECRET);
        assertThat(LogCapture.all()).doesNotContain(SECRET).contains("PatkitAutoConfiguration");
    }
}
