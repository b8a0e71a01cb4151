package dev.patkit.core;

/** Where a value in an {@link Authorization} came from. */
public enum ValueSource {
    /** The provider's API reported it. */
    SERVER,
    /** The caller recorded it (for example when it created the token in a web UI). */
    CALLER,
    /** It was inferred from the token's format. */
    TOKEN_FORMAT
}
