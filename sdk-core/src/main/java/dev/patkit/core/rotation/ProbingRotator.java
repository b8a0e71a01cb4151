package dev.patkit.core.rotation;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.PatkitException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A rotator that can tell whether the old token is still active by reading its record. See {@link TokenRotator#probing}. */
final class ProbingRotator implements TokenRotator {

    private final String tokenId;
    private final String description;
    private final BiFunction<String, LocalDate, CreatedToken> rotate;
    private final Function<String, Authorization> get;

    ProbingRotator(String tokenId, String description, BiFunction<String, LocalDate, CreatedToken> rotate,
            Function<String, Authorization> get) {
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.description = Objects.requireNonNull(description, "description");
        this.rotate = Objects.requireNonNull(rotate, "rotate");
        this.get = Objects.requireNonNull(get, "get");
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
     * Reads the old token's record. A 401 counts as "no longer active": when the client's own token
     * was the one rotated, the forge now refuses it, and treating that as active could rotate twice.
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
