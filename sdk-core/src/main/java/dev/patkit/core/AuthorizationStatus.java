package dev.patkit.core;

/** A token's standing at its provider. */
public enum AuthorizationStatus {
    /** The token works. */
    ACTIVE,
    /** The token reached its expiry. */
    EXPIRED,
    /** The token was revoked. */
    REVOKED,
    /** The provider rejected the token (unknown, revoked or expired: it would not say which). */
    INVALID,
    /** Not known. */
    UNKNOWN
}
