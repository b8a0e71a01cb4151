package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.core.testing.RecordingSleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WireMock GitLab under a path prefix, a fixed clock, a recording sleeper and a canary token. */
abstract class GitLabTestSupport {

    /** "Now" in every test unless a test says otherwise. */
    static final Instant NOW = Instant.parse("2025-12-30T12:00:00Z");

    /** The API path below the WireMock origin: a self-managed GitLab under a relative root. */
    static final String API = "/gitlab/api/v4";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final RecordingSleeper sleeper = new RecordingSleeper();
    final List<Duration> sleeps = sleeper.waits();
    final String canary = Canary.gitlab();
    Patkit patkit;
    GitLabClient client;

    @BeforeEach
    void setUpClient() {
        LogCapture.clear();
        patkit = patkit(Clock.fixed(NOW, ZoneOffset.UTC));
        client = client(patkit, canary);
    }

    @AfterEach
    void closePatkit() {
        patkit.close();
    }

    Patkit patkit(Clock clock) {
        PatkitOptions opts = PatkitOptions.builder().clock(clock).sleeper(sleeper).build();
        return Patkit.builder().options(opts).build();
    }

    static GitLabClient client(Patkit patkit, String token) {
        return patkit.client("gitlab", URI.create(wm.baseUrl() + API), Token.of(token)).unwrap(GitLabClient.class);
    }

    /** A fixture from {@code src/test/resources/dev/patkit/gitlab}, with {@code @@TOKEN@@} replaced. */
    static String fixture(String name, String newToken) {
        String text = Fixtures.read(GitLabTestSupport.class, name);
        return newToken == null ? text : text.replace("@@TOKEN@@", newToken);
    }

    static String fixture(String name) {
        return fixture(name, null);
    }
}
