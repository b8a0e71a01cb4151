package dev.patkit.gitlab;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.TokenQuery;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A GitLab rotate was sent and its response was lost, so whether GitLab revoked the old token and
 * issued a new one is unknown. Patkit never sends the rotate again: GitLab's reuse detection
 * revokes a whole token family when an already rotated token is rotated once more.
 *
 * <p>After the failure Patkit probed the old token with a plain {@code GET} (a safe call: reuse
 * detection only watches the rotate endpoints) and reports what it saw in {@link #oldToken()}:
 * <ul>
 *   <li>{@link OldTokenState#ACTIVE}: the rotation most probably did not take effect. The client that
 *       sent it will not rotate the token again (a slow server may still finish it); if no successor
 *       appears, a new client may.</li>
 *   <li>{@link OldTokenState#REVOKED}: the rotation very probably took effect and the new secret,
 *       shown only once, is lost. Find the new record with {@link #recoveryQuery()} (tokens of the
 *       same name created since the call), using another credential when the rotated token was the
 *       client's own; revoke it and create or rotate a replacement.</li>
 *   <li>{@link OldTokenState#UNKNOWN}: the probe could not tell; do both checks by hand.</li>
 * </ul>
 */
public class GitLabRotationOutcomeException extends AmbiguousOutcomeException {

    private static final long serialVersionUID = 1L;

    /** What the probe of the old token said after the lost response. */
    public enum OldTokenState {
        /** The old token still works: the rotation did not happen. */
        ACTIVE,
        /** The old token is revoked or rejected: the rotation very probably happened. */
        REVOKED,
        /** The probe could not tell. */
        UNKNOWN
    }

    private final OldTokenState oldToken;
    private final String tokenId;
    private final String tokenName;
    private final Instant sentAt;
    private final transient TokenQuery recoveryQuery;

    /**
     * Creates the exception.
     *
     * @param message what may have happened and what to do next
     * @param context what it was about
     * @param cause the pipeline's ambiguous-outcome failure
     * @param oldToken what the probe of the old token said
     * @param tokenId the id the rotate was sent for, as the caller gave it (may be {@code self})
     * @param tokenName the old token's name, when known
     * @param sentAt when the rotate was sent, per the client's clock
     * @param recoveryQuery the list filters that find the successor
     */
    public GitLabRotationOutcomeException(String message, ErrorContext context, Throwable cause,
            OldTokenState oldToken, String tokenId, Optional<String> tokenName, Instant sentAt, TokenQuery recoveryQuery) {
        super(message, context, cause);
        this.oldToken = Objects.requireNonNull(oldToken, "oldToken");
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.tokenName = Objects.requireNonNull(tokenName, "tokenName").orElse(null);
        this.sentAt = Objects.requireNonNull(sentAt, "sentAt");
        this.recoveryQuery = Objects.requireNonNull(recoveryQuery, "recoveryQuery");
    }

    /** @return what the probe of the old token said */
    public OldTokenState oldToken() {
        return oldToken;
    }

    /** @return true when the old token now looks revoked, so the rotation very probably took effect */
    public boolean oldTokenLooksRevoked() {
        return oldToken == OldTokenState.REVOKED;
    }

    /** @return the id the rotate was sent for, as given (may be {@code self}) */
    public String tokenId() {
        return tokenId;
    }

    /** @return the old token's name, when known */
    public Optional<String> tokenName() {
        return Optional.ofNullable(tokenName);
    }

    /** @return when the rotate was sent, per the client's clock */
    public Instant sentAt() {
        return sentAt;
    }

    /**
     * Filters that find the successor: active tokens created since a few minutes before the call
     * (to allow for clock skew), with the old token's name and owner when known, newest first.
     * Pass it to {@link dev.patkit.core.Tokens#list} of the same family, through a client that can
     * still authenticate.
     *
     * @return the query; after Java deserialisation, a query with no filters
     */
    public TokenQuery recoveryQuery() {
        return recoveryQuery == null ? TokenQuery.all() : recoveryQuery;
    }
}
