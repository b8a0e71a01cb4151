package dev.patkit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password for Git over HTTPS, as git's credential helpers answer them.
 *
 * @param username the user name the provider expects
 * @param password the token to send as the password
 * @param expiresAt when the token expires, if known (git's {@code password_expiry_utc})
 */
public record GitCredentials(String username, Token password, Optional<Instant> expiresAt) {

    /**
     * Creates credentials.
     *
     * @param username the user name
     * @param password the token
     * @param expiresAt when the token expires, if known
     */
    public GitCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
    }
}
