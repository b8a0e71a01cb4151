package dev.patkit.gitlab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A group or project the caller's token can reach, as GitLab's
 * {@code GET /personal_access_tokens/self/associations} reports it (GitLab 17.4+).
 *
 * @param type whether it is a group or a project
 * @param id GitLab's numeric id, as text
 * @param name the display name
 * @param path the full path ({@code path_with_namespace} for projects; for groups GitLab does not
 *     report one, so it is empty)
 * @param webUrl the web page, if reported
 * @param raw every field GitLab sent, including {@code access_levels} and {@code visibility}
 */
public record GitLabAssociation(Type type, String id, String name, Optional<String> path, Optional<String> webUrl,
        Map<String, Object> raw) {

    /** What kind of resource it is. */
    public enum Type {
        /** A group. */
        GROUP,
        /** A project. */
        PROJECT
    }

    /**
     * Creates an association.
     *
     * @param type whether it is a group or a project
     * @param id the numeric id, as text
     * @param name the display name
     * @param path the full path, if known
     * @param webUrl the web page, if known
     * @param raw every field GitLab sent
     */
    public GitLabAssociation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(webUrl, "webUrl");
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }
}
