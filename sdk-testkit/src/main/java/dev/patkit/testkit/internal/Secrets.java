package dev.patkit.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Mints secrets shaped like the real ones: GitHub {@code ghp_} with its CRC32 checksum and
 * {@code github_pat_}, GitLab {@code glpat-}, opaque AtomGit tokens, IAM tokens and 24-hex ids.
 * Thread-safe.
 */
public final class Secrets {

    private static final String B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** @return a classic GitHub PAT: {@code ghp_} + 30 random base62 + 6 base62 CRC32 of the random part */
    public static String githubClassic() {
        return githubChecksummed("ghp_");
    }

    /**
     * @param prefix {@code ghp_}, {@code gho_}, ...
     * @return a token of that prefix with a valid checksum
     */
    public static String githubChecksummed(String prefix) {
        String body = random(30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return prefix + body + base62(crc.getValue(), 6);
    }

    /** @return a fine-grained GitHub PAT: {@code github_pat_} + 22 + {@code _} + 59 base62 */
    public static String githubFineGrained() {
        return "github_pat_" + random(22) + "_" + random(59);
    }

    /** @return a legacy-format GitLab PAT: {@code glpat-} + 20 characters */
    public static String gitlab() {
        return "glpat-" + random(20);
    }

    /** @return an opaque token (AtomGit has no documented format) */
    public static String opaque() {
        return random(32);
    }

    /** @return an IAM-token-like text ({@code MII...}, long) */
    public static String iamToken() {
        return "MIIfake" + random(240);
    }

    /** @return a 24-hex id, as AtomGit user ids are */
    public static String hex24() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** @param n length @return random base62 text */
    public static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(B62.charAt(RANDOM.nextInt(62)));
        }
        return sb.toString();
    }

    private static String base62(long v, int width) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(B62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (sb.length() < width) {
            sb.append('0');
        }
        return sb.reverse().toString();
    }
}
