package dev.patkit.core.rotation;

import dev.patkit.core.Token;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SecretStore} in memory, for tests and short-lived processes. Thread-safe. */
public final class InMemorySecretStore implements SecretStore {

    private final Map<String, Token> secrets = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemorySecretStore() {}

    @Override
    public void put(String key, Token token) {
        secrets.put(key, token);
    }

    @Override
    public Optional<Token> get(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public String toString() {
        return "InMemorySecretStore" + secrets.keySet();
    }
}
