package dev.patkit.atomgit;

import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.RecordingSleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test helpers: a fixed clock, options with core's recording sleeper, fixtures. */
final class AtomGitTestSupport {

    /** The instant every test's clock shows. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private AtomGitTestSupport() {}

    static PatkitOptions.Builder options(RecordingSleeper sleeper) {
        return PatkitOptions.builder().clock(CLOCK).sleeper(sleeper).retryPolicy(RetryPolicy.none());
    }

    static Patkit patkit(PatkitOptions options) {
        return Patkit.builder().options(options).build();
    }

    static String fixture(String name) {
        return Fixtures.read(AtomGitTestSupport.class, name);
    }
}
