package dev.patkit.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new token should be: its name, description, scopes and expiry date. Providers check it
 * before any request and refuse what they would reject anyway.
 *
 * @param name the token's name
 * @param description a description, if any
 * @param scopes the scopes to grant, as the provider spells them
 * @param expiresOn the date the token expires, if any
 * @param ownerId the user to create it for (an administrator's call), or empty for the caller
 */
public record TokenSpec(String name, Optional<String> description, List<String> scopes,
        Optional<LocalDate> expiresOn, Optional<String> ownerId) {

    /**
     * Creates a spec.
     *
     * @param name the token's name
     * @param description a description, if any
     * @param scopes the scopes to grant
     * @param expiresOn the expiry date, if any
     * @param ownerId the user to create it for, if not the caller
     */
    public TokenSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(ownerId, "ownerId");
    }

    /**
     * A spec for the caller's own token.
     *
     * @param name the token's name
     * @param scopes the scopes to grant
     * @param expiresOn the expiry date
     * @return the spec
     */
    public static TokenSpec of(String name, List<String> scopes, LocalDate expiresOn) {
        return new TokenSpec(name, Optional.empty(), scopes, Optional.of(expiresOn), Optional.empty());
    }

    /**
     * A spec for the caller's own token, with the expiry the forge chooses (some forges refuse a
     * token without one).
     *
     * @param name the token's name
     * @param scopes the scopes to grant
     * @return the spec
     */
    public static TokenSpec of(String name, List<String> scopes) {
        return new TokenSpec(name, Optional.empty(), scopes, Optional.empty(), Optional.empty());
    }

    /**
     * The same spec with a description.
     *
     * @param text the description
     * @return a new spec
     */
    public TokenSpec withDescription(String text) {
        return new TokenSpec(name, Optional.of(text), scopes, expiresOn, ownerId);
    }

    /**
     * The same spec, created for another user.
     *
     * @param userId the user's id
     * @return a new spec
     */
    public TokenSpec forOwner(String userId) {
        return new TokenSpec(name, description, scopes, expiresOn, Optional.of(userId));
    }
}
