package dev.patkit.atomgit;

import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared test helpers: a fixed clock, a sleeper that records its waits, fixtures. */
final class AtomGitTestSupport {

    /** The instant every test's clock shows. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private AtomGitTestSupport() {}

    /** A sleeper that records each wait and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> sleep(Duration duration) {
            waits.add(duration);
            return CompletableFuture.completedFuture(null);
        }
    }

    static PatkitOptions.Builder options(RecordingSleeper sleeper) {
        return PatkitOptions.builder().clock(CLOCK).sleeper(sleeper).retryPolicy(RetryPolicy.none());
    }

    static Patkit patkit(PatkitOptions options) {
        return Patkit.builder().options(options).build();
    }

    static String fixture(String name) {
        try (InputStream in = AtomGitTestSupport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
