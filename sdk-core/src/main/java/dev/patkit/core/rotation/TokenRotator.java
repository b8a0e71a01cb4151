package dev.patkit.core.rotation;

import dev.patkit.core.CreatedToken;
import dev.patkit.core.Tokens;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Rotates one token at its forge, for a {@link RotationPlan}. Every token family gives one
 * ({@link Tokens#rotator(String)}); a caller with a rotation of its own (a ServiceStage
 * registration, a test) implements this interface.
 */
public interface TokenRotator {

    /** @return the id of the token being rotated */
    String tokenId();

    /** @return a short description for reports, for example {@code gitlab token 42 at https://gitlab.com/api/v4} */
    String describe();

    /**
     * Rotates the token once. Never re-sent by the plan when its outcome is unknown.
     *
     * @param expiresOn the successor's expiry date, or empty for the forge's default
     * @return the successor
     */
    CreatedToken rotate(Optional<LocalDate> expiresOn);

    /**
     * Whether the old token is still active, to decide if a failed rotate may be tried again. The
     * default does not know; a rotator that can probe safely (with a GET) should say.
     *
     * @return true if still active, false if revoked, empty when unknown
     */
    default Optional<Boolean> oldTokenActive() {
        return Optional.empty();
    }

    /**
     * The rotator every token family gives: it rotates by id and probes the old token with a GET.
     *
     * @param tokens the token's family
     * @param tokenId the token's id, or an alias such as GitLab's {@code self}
     * @return the rotator
     */
    static TokenRotator of(Tokens tokens, String tokenId) {
        return new ProbingRotator(tokens, tokenId);
    }
}
