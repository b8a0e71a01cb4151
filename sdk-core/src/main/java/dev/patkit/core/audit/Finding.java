package dev.patkit.core.audit;

import dev.patkit.core.Authorization;
import java.util.Objects;

/**
 * One thing an audit found about one token.
 *
 * @param kind what was found
 * @param authorization the token it concerns
 * @param message a sentence for a person; never a secret
 */
public record Finding(Kind kind, Authorization authorization, String message) {

    /** The kinds of findings. */
    public enum Kind {
        /** The token expires within the audit's horizon. */
        EXPIRES_SOON,
        /** The token has expired, been revoked or been rejected. */
        INACTIVE,
        /** A store (such as ServiceStage) still holds a token that is expired or no longer authenticates. */
        STORED_BUT_INACTIVE,
        /** The token holds scopes its job does not need. */
        BROADER_THAN_NEEDED,
        /** The token lacks scopes its job needs. */
        MISSING_NEEDED_SCOPES,
        /** The provider does not report the token's permissions (fine-grained GitHub, AtomGit). */
        PERMISSIONS_UNKNOWN,
        /** A source could not be read; the message says why. */
        SOURCE_FAILED
    }

    /**
     * Creates a finding.
     *
     * @param kind what was found
     * @param authorization the token it concerns
     * @param message a sentence for a person
     */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(message, "message");
    }
}
