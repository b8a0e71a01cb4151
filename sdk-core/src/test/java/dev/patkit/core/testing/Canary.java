package dev.patkit.core.testing;

import dev.patkit.core.Token;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Random tokens shaped like real ones, new for every test run, so a test can prove that a secret
 * never reaches a log line, a message or a {@code toString()}.
 */
public final class Canary {

    private static final String B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Canary() {}

    /** @return a {@code ghp_} token with a valid checksum */
    public static String githubClassic() {
        String body = random(30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return "ghp_" + body + base62(crc.getValue());
    }

    /** @return a legacy-format {@code glpat-} token (20 characters after the prefix) */
    public static String gitlab() {
        return "glpat-" + random(20);
    }

    /** @return an opaque token, as AtomGit or IAM would hand out */
    public static String opaque() {
        return "cnry" + random(36);
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
