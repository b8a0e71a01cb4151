package dev.patkit.github;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository a fine-grained token grant or request covers (GitHub's "minimal repository").
 * Immutable.
 *
 * @param id the repository's id
 * @param name its name
 * @param fullName {@code owner/name}
 * @param isPrivate whether it is private
 * @param ownerLogin the owner's login, if reported
 * @param raw every field as GitHub sent it
 */
public record GitHubRepository(long id, String name, String fullName, boolean isPrivate, Optional<String> ownerLogin,
        Map<String, Object> raw) {

    /**
     * Creates a repository.
     *
     * @param id the id
     * @param name the name
     * @param fullName the full name
     * @param isPrivate whether it is private
     * @param ownerLogin the owner's login
     * @param raw the raw fields
     */
    public GitHubRepository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(ownerLogin, "ownerLogin");
        raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }
}
