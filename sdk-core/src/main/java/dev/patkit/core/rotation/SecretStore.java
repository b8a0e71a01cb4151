package dev.patkit.core.rotation;

import dev.patkit.core.Token;
import java.util.Optional;

/**
 * Where a new secret is kept the moment it is issued, before anything else can lose it. A vault
 * is the caller's to plug in; {@link InMemorySecretStore} and {@link FileSecretStore} ship.
 *
 * <p>Implementations must be thread-safe and must never log or print the secret.
 */
public interface SecretStore {

    /**
     * Stores a secret durably, replacing what the key held.
     *
     * @param key the key
     * @param token the secret
     */
    void put(String key, Token token);

    /**
     * Reads a secret.
     *
     * @param key the key
     * @return the secret, or empty
     */
    Optional<Token> get(String key);
}
