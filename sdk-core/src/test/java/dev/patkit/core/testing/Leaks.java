package dev.patkit.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Assertions that a secret appears nowhere a person or a log could see it. */
public final class Leaks {

    private Leaks() {}

    /**
     * Asserts the secret is in none of the throwable's messages, causes, suppressed exceptions,
     * {@code toString()} or printed stack trace.
     *
     * @param error the throwable
     * @param secret the secret
     */
    public static void assertNotIn(Throwable error, String secret) {
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        assertThat(w.toString()).as("stack trace of %s", error.getClass().getName()).doesNotContain(secret);
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }

    /**
     * Asserts the secret is in no captured log event (see {@link LogCapture}).
     *
     * @param secret the secret
     */
    public static void assertNotLogged(String secret) {
        assertThat(LogCapture.all()).as("captured logs").doesNotContain(secret);
    }
}
