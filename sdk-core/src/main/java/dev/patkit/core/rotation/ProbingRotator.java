package dev.patkit.core.rotation;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Tokens;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** Rotates a token of a {@link Tokens} family by id and tells whether the old one still works. */
final class ProbingRotator implements TokenRotator {

    private final Tokens tokens;
    private final String tokenId;

    ProbingRotator(Tokens tokens, String tokenId) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
    }

    @Override
    public String tokenId() {
        return tokenId;
    }

    @Override
    public String describe() {
        return "token " + tokenId + " of " + tokens.describe();
    }

    @Override
    public CreatedToken rotate(Optional<LocalDate> expiresOn) {
        return expiresOn.isPresent() ? tokens.rotate(tokenId, expiresOn.get()) : tokens.rotate(tokenId);
    }

    @Override
    public Optional<Boolean> oldTokenActive() {
        try {
            Authorization a = tokens.get(tokenId);
            return Optional.of(a.status() == AuthorizationStatus.ACTIVE);
        } catch (AuthenticationException e) {
            return Optional.of(false);
        } catch (PatkitException e) {
            return Optional.empty();
        }
    }
}
