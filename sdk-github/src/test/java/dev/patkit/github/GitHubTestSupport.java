package dev.patkit.github;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.core.testing.RecordingSleeper;
import dev.patkit.core.testing.TestClock;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared WireMock server, recording sleeper, clock and canary token for the GitHub tests. */
abstract class GitHubTestSupport {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    final String canary = Canary.githubClassic();
    final Token token = Token.of(canary);
    final TestClock clock = new TestClock(NOW);
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final List<Duration> sleeps = sleeper.waits();
    Patkit patkit;

    @BeforeEach
    void startPatkit() {
        LogCapture.clear();
        patkit = Patkit.builder().options(options().build()).build();
    }

    PatkitOptions.Builder options() {
        return PatkitOptions.builder().clock(clock).sleeper(sleeper);
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(canary);
        patkit.close();
    }

    GitHubClient client() {
        return client(token);
    }

    GitHubClient client(Token t) {
        return patkit.client("github", URI.create(wm.baseUrl()), t).unwrap(GitHubClient.class);
    }

    static String fixture(String name) {
        return Fixtures.read(GitHubTestSupport.class, name);
    }

    /** A fine-grained token shaped like a real one: github_pat_ + 22 + _ + 59 base62 characters. */
    static String fineGrainedCanary() {
        return "github_pat_" + random(22) + "_" + random(59);
    }

    static String random(int n) {
        String b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(b62.charAt(r.nextInt(62)));
        }
        return sb.toString();
    }
}
