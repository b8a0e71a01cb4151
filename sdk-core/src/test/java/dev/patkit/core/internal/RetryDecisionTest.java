package dev.patkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.ServerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {

    private static final ErrorContext CTX = ErrorContext.of("demo", "inspect");
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Draws the largest value allowed: the jitter is its cap. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws");
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws");
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    private final ServerException lastError = new ServerException("demo: HTTP 503", CTX.withStatus(503));

    @Test
    void afterFailure_waitsUpToTheDoublingCap() {
        assertThat(RetryDecision.afterFailure(1, POLICY, null, MINUTE, HIGHEST, lastError))
                .isEqualTo(new RetryDecision(Duration.ofMillis(100), null));
        assertThat(RetryDecision.afterFailure(2, POLICY, null, MINUTE, HIGHEST, lastError))
                .isEqualTo(new RetryDecision(Duration.ofMillis(200), null));
        assertThat(RetryDecision.afterFailure(2, POLICY, null, MINUTE, LOWEST, lastError))
                .isEqualTo(new RetryDecision(Duration.ZERO, null));
        assertThat(RetryDecision.backoffCapMillis(6, POLICY)).as("capped by maxDelay").isEqualTo(2000);
        assertThat(RetryDecision.backoffCapMillis(40, POLICY)).isEqualTo(2000);
    }

    @Test
    void afterFailure_stopsWithTheLastError_whenTheAttemptsAreUsedUp() {
        RetryDecision d = RetryDecision.afterFailure(3, POLICY, null, MINUTE, HIGHEST, lastError);
        assertThat(d.proceeds()).isFalse();
        assertThat(d.stop()).isSameAs(lastError);
        assertThat(RetryDecision.afterFailure(1, RetryPolicy.none(), null, MINUTE, HIGHEST, lastError).stop())
                .isSameAs(lastError);
    }

    @Test
    void afterFailure_aLongerRetryAfter_wins() {
        assertThat(RetryDecision.afterFailure(1, POLICY, Duration.ofSeconds(7), MINUTE, HIGHEST, lastError))
                .isEqualTo(new RetryDecision(Duration.ofSeconds(7), null));
        assertThat(RetryDecision.afterFailure(1, POLICY, Duration.ofMillis(30), MINUTE, HIGHEST, lastError))
                .isEqualTo(new RetryDecision(Duration.ofMillis(100), null));
    }

    @Test
    void afterFailure_retryAfterBeyondTheDeadline_stopsWithTheRateLimitError() {
        RateLimitedException limited = new RateLimitedException("demo: rate limited", CTX.withStatus(429),
                java.util.Optional.of(Duration.ofSeconds(90)), java.util.Optional.empty());
        Duration hint = RetryDecision.hint(limited, Duration.ofSeconds(5));
        assertThat(hint).as("the error's own hint before the header").isEqualTo(Duration.ofSeconds(90));
        RetryDecision d = RetryDecision.afterFailure(1, POLICY, hint, MINUTE, HIGHEST, limited);
        assertThat(d.stop()).isSameAs(limited);
        assertThat(d.waitFor()).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryDecision.afterFailure(1, POLICY, Duration.ofSeconds(60), MINUTE, HIGHEST, limited).stop())
                .as("a wait equal to the time left stops too").isSameAs(limited);
    }

    @Test
    void hint_isTheHeaderForAnythingButARateLimit() {
        assertThat(RetryDecision.hint(lastError, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryDecision.hint(lastError, null)).isNull();
        RateLimitedException noHint = new RateLimitedException("demo: limited", CTX, java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(RetryDecision.hint(noHint, Duration.ofSeconds(3))).isNull();
    }

    @Test
    void beforeAttempt_sendsAtOnce_withoutAReportOrWithBudgetLeft() {
        assertThat(RetryDecision.beforeAttempt(null, CLOCK, RateLimitPolicy.WAIT_WITHIN_DEADLINE, MINUTE, "demo", "inspect", CTX))
                .isSameAs(RetryDecision.SEND_NOW);
        assertThat(RetryDecision.beforeAttempt(budget(5, NOW.plusSeconds(30)), CLOCK, RateLimitPolicy.WAIT_WITHIN_DEADLINE, MINUTE,
                "demo", "inspect", CTX)).isSameAs(RetryDecision.SEND_NOW);
        assertThat(RetryDecision.beforeAttempt(budget(0, NOW.minusSeconds(1)), CLOCK, RateLimitPolicy.WAIT_WITHIN_DEADLINE, MINUTE,
                "demo", "inspect", CTX)).as("the window has reset").isSameAs(RetryDecision.SEND_NOW);
    }

    @Test
    void beforeAttempt_withBudgetLeft_neverAsksTheClock() {
        Clock refusing = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new AssertionError("the clock was asked");
            }
        };
        assertThat(RetryDecision.beforeAttempt(budget(1, NOW.plusSeconds(30)), refusing, RateLimitPolicy.FAIL_FAST,
                MINUTE, "demo", "inspect", CTX)).isSameAs(RetryDecision.SEND_NOW);
    }

    @Test
    void beforeAttempt_exhausted_waitsUntilTheResetAndASecond() {
        assertThat(RetryDecision.beforeAttempt(budget(0, NOW.plusSeconds(30)), CLOCK, RateLimitPolicy.WAIT_WITHIN_DEADLINE, MINUTE,
                "demo", "inspect", CTX)).isEqualTo(new RetryDecision(Duration.ofSeconds(31), null));
    }

    @Test
    void beforeAttempt_exhausted_failsWithoutSending_whenFailFastOrPastTheDeadline() {
        Instant reset = NOW.plusSeconds(30);
        RetryDecision fast = RetryDecision.beforeAttempt(budget(0, reset), CLOCK, RateLimitPolicy.FAIL_FAST, MINUTE,
                "demo", "inspect", CTX);
        assertThat(fast.stop()).isInstanceOf(RateLimitedException.class)
                .hasMessage("demo: the rate-limit budget is exhausted until 2026-01-01T00:00:30Z; 'inspect' was not sent");
        assertThat(((RateLimitedException) fast.stop()).retryAfter()).contains(Duration.ofSeconds(31));
        assertThat(((RateLimitedException) fast.stop()).resetAt()).contains(reset);

        RetryDecision late = RetryDecision.beforeAttempt(budget(0, reset), CLOCK, RateLimitPolicy.WAIT_WITHIN_DEADLINE,
                Duration.ofSeconds(31).toNanos() - 1, "demo", "inspect", CTX);
        assertThat(late.stop()).hasMessage("demo: the rate-limit budget is exhausted until 2026-01-01T00:00:30Z;"
                + " 'inspect' was not sent because the wait passes the call's deadline");
    }

    private static RateLimitSnapshot budget(long remaining, Instant reset) {
        return new RateLimitSnapshot(OptionalLong.of(60), OptionalLong.of(remaining), Optional.of(reset),
                Optional.empty(), NOW);
    }
}
