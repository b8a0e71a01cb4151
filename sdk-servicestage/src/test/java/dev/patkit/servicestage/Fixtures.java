package dev.patkit.servicestage;

import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.testing.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test fixtures and a Patkit with a fixed clock and a sleeper that records instead of sleeping. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    final RecordingSleeper sleeper = new RecordingSleeper();
    final List<Duration> sleeps = sleeper.waits();

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
                .sleeper(sleeper)
                .callTimeout(Duration.ofSeconds(20))
                .build();
        return Patkit.builder().options(options).build();
    }

    static String json(String name) {
        return dev.patkit.core.testing.Fixtures.read(Fixtures.class, name);
    }
}
