package dev.patkit.gitlab.internal;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.PatkitException;
import dev.patkit.core.rotation.TokenRotator;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Rotates a GitLab token for a {@link dev.patkit.core.rotation.RotationPlan}, and tells the plan
 * whether the old token is still active with a plain GET, which GitLab's reuse detection does not
 * watch (only the rotate endpoints are).
 */
public final class GitLabTokenRotator implements TokenRotator {

    private final String tokenId;
    private final String description;
    private final BiFunction<String, LocalDate, CreatedToken> rotate;
    private final Function<String, Authorization> get;

    /**
     * Creates the rotator.
     *
     * @param tokenId the token's id or {@code self}
     * @param description for reports
     * @param rotate rotates by id
     * @param get reads a token record by id
     */
    public GitLabTokenRotator(String tokenId, String description, BiFunction<String, LocalDate, CreatedToken> rotate,
            Function<String, Authorization> get) {
        this.tokenId = tokenId;
        this.description = description;
        this.rotate = rotate;
        this.get = get;
    }

    @Override
    public String tokenId() {
        return tokenId;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public CreatedToken rotate(LocalDate expiresOn) {
        return rotate.apply(tokenId, expiresOn);
    }

    /**
     * Probes the old token's record. A 401 counts as "no longer active": when the client's own token
     * was the one rotated, GitLab now refuses it, and treating that as active could rotate twice.
     */
    @Override
    public Optional<Boolean> oldTokenActive() {
        try {
            Authorization a = get.apply(tokenId);
            return Optional.of(a.status() == AuthorizationStatus.ACTIVE);
        } catch (AuthenticationException e) {
            return Optional.of(false);
        } catch (PatkitException e) {
            return Optional.empty();
        }
    }
}
