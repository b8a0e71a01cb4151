package dev.patkit.gitlab.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * GitLab's web pages for what its API cannot do, below the web root: the API base without its
 * trailing {@code /api/v4}, keeping a self-managed instance's path prefix. Sends nothing.
 */
final class GitLabWeb {

    private final URI api;
    private final String root;

    GitLabWeb(URI api) {
        this.api = api;
        String path = api.getRawPath() == null ? "" : api.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        path = path.endsWith("/api/v4") ? path.substring(0, path.length() - "/api/v4".length()) : "";
        this.root = api.getScheme() + "://" + api.getRawAuthority() + path;
    }

    /** Whether this is GitLab.com, where the personal-token create endpoints are not offered. */
    boolean isGitLabCom() {
        String host = api.getHost();
        return host != null && (host.equalsIgnoreCase("gitlab.com") || host.equalsIgnoreCase("www.gitlab.com"));
    }

    /** @return the personal access token settings page */
    URI tokenSettings() {
        return URI.create(root + "/-/user_settings/personal_access_tokens");
    }

    /** @return the settings page, pre-filled with a name and scopes (checked: a blank name or unknown scope is refused) */
    URI creationLink(String name, Collection<String> scopes) {
        String op = "build token creation link";
        GitLabChecks.name(op, name);
        GitLabChecks.scopes(op, scopes);
        return URI.create(tokenSettings() + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "&scopes=" + String.join(",", scopes));
    }
}
