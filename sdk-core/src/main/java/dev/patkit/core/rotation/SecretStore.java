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

    /**
     * Checks, changing nothing, that {@link #put} of this key can succeed, so that a plan can stop
     * before the forge issues a token nobody could hold. The default checks nothing.
     *
     * @param key the key
     * @throws dev.patkit.core.ValidationException naming what is wrong and how to fix it
     */
    default void check(String key) {}

    /**
     * Removes a secret, when the store can. The default keeps it.
     *
     * @param key the key
     */
    default void remove(String key) {}

    /**
     * Where a key's secret is kept, for messages that tell a person where to find it.
     *
     * @param key the key
     * @return for example a file's path; never the secret
     */
    default String describe(String key) {
        return toString() + " under the key '" + key + "'";
    }
}
