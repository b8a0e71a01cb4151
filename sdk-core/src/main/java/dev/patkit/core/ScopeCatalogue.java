package dev.patkit.core;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes one provider knows, with the implications between them.
 *
 * <p>Each provider module ships one. It checks the scopes a caller asks for in a create request
 * and expands reported scopes through their implications. Scopes a server reports that the
 * catalogue does not know are kept by {@link Scopes}, never dropped. Immutable and thread-safe.
 */
public final class ScopeCatalogue {

    private final String provider;
    private final Map<String, Scope> scopes;

    private ScopeCatalogue(String provider, Map<String, Scope> scopes) {
        this.provider = provider;
        this.scopes = Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
    }

    /**
     * Starts a catalogue.
     *
     * @param provider the provider id the scopes belong to
     * @return a builder
     */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /**
     * The provider id.
     *
     * @return the provider id
     */
    public String provider() {
        return provider;
    }

    /**
     * Every scope, in declaration order.
     *
     * @return the scopes
     */
    public Collection<Scope> all() {
        return scopes.values();
    }

    /**
     * Looks up a scope.
     *
     * @param name the scope's name
     * @return the scope, or empty when the catalogue does not know it
     */
    public Optional<Scope> find(String name) {
        return Optional.ofNullable(scopes.get(name));
    }

    /**
     * Whether the catalogue knows a scope.
     *
     * @param name the scope's name
     * @return true if known
     */
    public boolean contains(String name) {
        return scopes.containsKey(name);
    }

    /**
     * The given scopes plus everything they imply, transitively. Unknown names are kept as they are.
     *
     * @param granted the scopes granted
     * @return the effective scopes
     */
    public Set<String> closure(Collection<String> granted) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>(granted);
        while (!work.isEmpty()) {
            String next = work.pop();
            if (out.add(next)) {
                Scope s = scopes.get(next);
                if (s != null) {
                    work.addAll(s.implies());
                }
            }
        }
        return out;
    }

    /**
     * Checks the scopes a caller asks for, before any request is sent.
     *
     * @param requested the requested scopes
     * @throws ValidationException naming the unknown scopes and listing the valid ones
     */
    public void requireKnown(Collection<String> requested) {
        Set<String> unknown = new TreeSet<>();
        for (String name : requested) {
            if (!scopes.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValidationException("Unknown " + provider + " scope(s) " + unknown + ". Valid scopes: "
                    + List.copyOf(scopes.keySet()), ErrorContext.of(provider, "check scopes"), List.of());
        }
    }

    @Override
    public String toString() {
        return "ScopeCatalogue[" + provider + ", " + scopes.keySet() + "]";
    }

    /** Builds a {@link ScopeCatalogue}. Not thread-safe. */
    public static final class Builder {
        private final String provider;
        private final Map<String, Scope> scopes = new LinkedHashMap<>();

        private Builder(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /**
         * Adds a scope.
         *
         * @param name the scope's name
         * @param description what it allows
         * @param implies the scopes it directly includes
         * @return this builder
         */
        public Builder scope(String name, String description, String... implies) {
            scopes.put(name, new Scope(name, description, Set.of(implies)));
            return this;
        }

        /**
         * Builds the catalogue.
         *
         * @return the catalogue
         */
        public ScopeCatalogue build() {
            return new ScopeCatalogue(provider, scopes);
        }
    }
}
