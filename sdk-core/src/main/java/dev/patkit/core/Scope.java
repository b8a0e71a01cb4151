package dev.patkit.core;

import java.util.Objects;
import java.util.Set;

/**
 * One permission name of one provider, such as GitLab's {@code api} or GitHub's {@code repo}.
 *
 * @param name the name as the provider spells it
 * @param description what the scope allows, for a human
 * @param implies the scopes this one directly includes (GitHub {@code repo} includes
 *     {@code repo:status}, GitLab {@code api} includes {@code read_api})
 */
public record Scope(String name, String description, Set<String> implies) {

    /**
     * Creates a scope.
     *
     * @param name the name as the provider spells it
     * @param description what the scope allows, for a human
     * @param implies the scopes this one directly includes
     */
    public Scope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        implies = Set.copyOf(implies);
    }
}
