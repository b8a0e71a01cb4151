package dev.patkit.servicestage;

import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
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

/** Test fixtures and a Patkit with a fixed clock and a sleeper that records instead of sleeping. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private Fixtures() {}

    static Fixtures create() {
        return new Fixtures();
    }

    Patkit patkit() {
        return patkit(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Patkit patkit(Clock clock) {
        PatkitOptions options = PatkitOptions.builder()
                .clock(clock)
                .sleeper(d -> {
                    sleeps.add(d);
                    return CompletableFuture.completedFuture(null);
                })
                .callTimeout(Duration.ofSeconds(20))
                .build();
        return Patkit.builder().options(options).build();
    }

    static String json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
