package dev.patkit.core.testing;

import dev.patkit.core.Token;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Random tokens shaped like real ones, new for every test run, so a test can prove that a secret
 * never reaches a log line, a message or a {@code toString()}.
 *
 * <p>Every token starts its random part with the run's {@link #marker() marker}: the canary sweep
 * ({@code .ci/canary-sweep}) sets it through the environment variable {@code PATKIT_CANARY} and then
 * searches every log, report and file of the build for it. Without the variable each JVM picks a
 * random marker of its own.
 */
public final class Canary {

    private static final String B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String MARKER = marker(System.getenv("PATKIT_CANARY"));

    private Canary() {}

    /** @return the marker every canary of this run carries (8 to 16 base62 characters) */
    public static String marker() {
        return MARKER;
    }

    private static String marker(String configured) {
        if (configured != null && configured.matches("[0-9A-Za-z]{8,16}")) {
            return configured;
        }
        return random(12);
    }

    /** @param n the total length @return the marker followed by random characters, n long */
    private static String marked(int n) {
        return MARKER + random(n - MARKER.length());
    }

    /** @return a {@code ghp_} token with a valid checksum */
    public static String githubClassic() {
        String body = marked(30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return "ghp_" + body + base62(crc.getValue());
    }

    /** @return a legacy-format {@code glpat-} token (20 characters after the prefix) */
    public static String gitlab() {
        return "glpat-" + marked(20);
    }

    /** @return a fine-grained {@code github_pat_} token: 22 and 59 base62 characters around an underscore */
    public static String githubFineGrained() {
        return "github_pat_" + marked(22) + "_" + random(59);
    }

    /** @return an opaque token, as AtomGit or IAM would hand out */
    public static String opaque() {
        return "cnry" + marked(36);
    }

    /** @param value a token text @return the token */
    public static Token token(String value) {
        return Token.of(value);
    }

    private static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(B62.charAt(RANDOM.nextInt(62)));
        }
        return sb.toString();
    }

    private static String base62(long v) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(B62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (sb.length() < 6) {
            sb.append('0');
        }
        return sb.reverse().toString();
    }
}
