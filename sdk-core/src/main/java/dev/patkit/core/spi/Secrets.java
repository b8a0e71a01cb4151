package dev.patkit.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints and comparisons of secrets, shared by {@link dev.patkit.core.Token} and the
 * providers' own credential types, so every credential fingerprints and compares the same way.
 */
public final class Secrets {

    private Secrets() {}

    /**
     * A short, non-reversible fingerprint: the first 8 hex digits of a SHA-256 over the parts,
     * separated by a zero byte. One part gives the digest of that part alone.
     *
     * @param parts the secret's parts (for example domain, user and password)
     * @return 8 lowercase hex digits
     */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sha.update((byte) 0);
                }
                sha.update(parts[i].getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Compares two secrets in constant time.
     *
     * @param a one secret
     * @param b the other
     * @return true when both hold the same text
     */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
