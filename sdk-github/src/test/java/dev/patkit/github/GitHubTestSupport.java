package dev.patkit.github;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
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
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    Patkit patkit;

    @BeforeEach
    void startPatkit() {
        LogCapture.clear();
        patkit = Patkit.builder().options(options().build()).build();
    }

    PatkitOptions.Builder options() {
        return PatkitOptions.builder().clock(clock).sleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
            return CompletableFuture.completedFuture(null);
        });
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
        try (InputStream in = GitHubTestSupport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A clock the recording sleeper moves forward. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
