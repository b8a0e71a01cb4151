package dev.patkit.testkit;

/** Where a token stands at a fake right now, by the fake's clock. */
public enum TokenStanding {
    /** The token works. */
    ACTIVE,
    /** The token's expiry has passed. */
    EXPIRED,
    /** The token was revoked (or rotated away). */
    REVOKED,
    /** The fake does not know the token. */
    UNKNOWN
}
