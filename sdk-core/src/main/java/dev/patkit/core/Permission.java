package dev.patkit.core;

/** The answer to "does this token allow X?". */
public enum Permission {
    /** The token's reported scopes allow it. */
    ALLOWED,
    /** The token's reported scopes do not allow it. */
    DENIED,
    /**
     * Nobody can tell offline: the provider does not report the token's scopes (a fine-grained
     * GitHub token, an AtomGit token) and the caller recorded none.
     */
    UNKNOWN
}
