package dev.patkit.atomgit;

import dev.patkit.core.Authorization;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AtomGit user a token acts as, as {@code GET /user} reported it.
 *
 * @param id the user id: a string of 24 hex characters, never a number
 * @param login the login, if reported
 * @param name the display name, if reported
 * @param email the public email, if reported
 * @param profileUrl the user's web profile ({@code html_url}), if reported and well-formed
 * @param avatarUrl the avatar image ({@code avatar_url}), if reported and well-formed
 * @param type the account type, for example {@code User}, if reported
 */
public record AtomGitUser(String id, Optional<String> login, Optional<String> name, Optional<String> email,
        Optional<URI> profileUrl, Optional<URI> avatarUrl, Optional<String> type) {

    /**
     * Creates a user.
     *
     * @param id the user id
     * @param login the login, if reported
     * @param name the display name, if reported
     * @param email the public email, if reported
     * @param profileUrl the web profile, if reported
     * @param avatarUrl the avatar image, if reported
     * @param type the account type, if reported
     */
    public AtomGitUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(profileUrl, "profileUrl");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Reads the user from an authorization that {@link AtomGitClient#inspect()} returned.
     *
     * @param authorization the authorization
     * @return the user; empty when the server did not report one (a rejected token, or an
     *     authorization built from a record alone)
     */
    public static Optional<AtomGitUser> of(Authorization authorization) {
        Map<String, Object> raw = authorization.raw();
        String id = text(raw, "id");
        if (id == null || !AtomGitClientFactory.ID.equals(authorization.provider())) {
            return Optional.empty();
        }
        return Optional.of(new AtomGitUser(id, Optional.ofNullable(text(raw, "login")),
                Optional.ofNullable(text(raw, "name")), Optional.ofNullable(text(raw, "email")),
                uri(text(raw, "html_url")), uri(text(raw, "avatar_url")), Optional.ofNullable(text(raw, "type"))));
    }

    private static String text(Map<String, Object> raw, String key) {
        Object v = raw.get(key);
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        return null;
    }

    private static Optional<URI> uri(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI u = new URI(text);
            return u.isAbsolute() ? Optional.of(u) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
