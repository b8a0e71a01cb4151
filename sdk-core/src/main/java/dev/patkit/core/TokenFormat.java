package dev.patkit.core;

import java.util.List;
import java.util.Objects;

/**
 * What offline inspection of a token's text found: its kind, whether its built-in checksum
 * matched, and warnings for a human.
 *
 * <p>A failed checksum is a warning, never an error: the checksum algorithms are not officially
 * specified and servers remain the only authority on whether a token is valid.
 *
 * @param kind the recognised kind
 * @param checksum the outcome of the checksum check
 * @param warnings messages for a human; they never contain the token
 */
public record TokenFormat(TokenKind kind, Checksum checksum, List<String> warnings) {

    /** The outcome of a format's checksum check. */
    public enum Checksum {
        /** The checksum embedded in the token matches. */
        VALID,
        /** The checksum embedded in the token does not match: probably a typo or a truncated copy. */
        INVALID,
        /** This format carries no checksum that Patkit can check. */
        NOT_APPLICABLE
    }

    /**
     * Creates a format result.
     *
     * @param kind the recognised kind
     * @param checksum the outcome of the checksum check
     * @param warnings messages for a human; they never contain the token
     */
    public TokenFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(checksum, "checksum");
        warnings = List.copyOf(warnings);
    }

    /**
     * Whether the format raised no warning.
     *
     * @return true when there are no warnings
     */
    public boolean looksValid() {
        return warnings.isEmpty();
    }
}
