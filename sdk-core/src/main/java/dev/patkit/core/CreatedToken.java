package dev.patkit.core;

import java.util.Objects;

/**
 * A token a provider just issued (by create or rotate) with its record. The secret is shown only
 * once by the provider: store it before doing anything else with it.
 *
 * @param authorization the new token's record; its id differs from a rotated token's old id
 * @param token the new secret
 */
public record CreatedToken(Authorization authorization, Token token) {

    /**
     * Creates the pair.
     *
     * @param authorization the new token's record
     * @param token the new secret
     */
    public CreatedToken {
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(token, "token");
    }
}
