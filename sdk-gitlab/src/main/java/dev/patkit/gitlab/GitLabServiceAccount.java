package dev.patkit.gitlab;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GitLab service account: a non-human user whose personal access tokens a group Owner (group
 * service accounts) or an administrator (instance service accounts) manages. Immutable.
 *
 * @param id the account's numeric user id
 * @param username its user name, if sent
 * @param name its display name, if sent
 * @param email its e-mail address, if sent
 * @param raw every field GitLab sent, as read (values may be null)
 */
public record GitLabServiceAccount(String id, Optional<String> username, Optional<String> name,
        Optional<String> email, Map<String, Object> raw) {

    /**
     * Creates the record.
     *
     * @param id the user id
     * @param username the user name
     * @param name the display name
     * @param email the e-mail address
     * @param raw the fields as sent
     */
    public GitLabServiceAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }
}
