package dev.patkit.gitlab;

import dev.patkit.core.ScopeCatalogue;
import java.util.List;

/**
 * GitLab's access-token scopes, with what each allows and the scopes it includes.
 *
 * <p>Source: GitLab's {@code doc/security/tokens/access_token_scopes.md}. Implications follow the
 * documented meaning only: {@code api} includes {@code read_api}, Git pull and push
 * ({@code write_repository}) and registry push ({@code write_registry}); each {@code write_*}
 * scope includes its {@code read_*} scope. Scopes a server reports that are not listed here are
 * kept, never dropped. Immutable and thread-safe.
 */
public final class GitLabScopes {

    /** Every scope a GitLab personal, project or group access token can hold. */
    public static final ScopeCatalogue CATALOGUE = ScopeCatalogue.builder("gitlab")
            .scope("api", "Complete read and write access to the API, including the container, package and"
                    + " dependency-proxy registries, and Git over HTTP pull and push",
                    "read_api", "write_repository", "write_registry")
            .scope("read_api", "Read-only access to the API, including the registries as documented")
            .scope("read_user", "Read the authenticated user (/user) and the read-only /users endpoints")
            .scope("read_repository", "Git pull over HTTP and the repository files API")
            .scope("write_repository", "Git pull and push over HTTP (not the API)", "read_repository")
            .scope("read_registry", "Pull container registry images")
            .scope("write_registry", "Push container registry images (project and group tokens also need"
                    + " read_registry)", "read_registry")
            .scope("read_virtual_registry", "Pull through the dependency proxy (virtual registry)")
            .scope("write_virtual_registry", "Pull, push and delete through the dependency proxy (virtual registry)",
                    "read_virtual_registry")
            .scope("create_runner", "Create runners")
            .scope("manage_runner", "Manage runners")
            .scope("k8s_proxy", "Kubernetes API calls through the agent for Kubernetes")
            .scope("self_rotate", "Rotate this token, and only this token")
            .scope("ai_features", "GitLab Duo, Code Suggestions and Chat APIs")
            .scope("sudo", "Act as any user (administrators only, with the Sudo header)")
            .scope("admin_mode", "Administrator API actions while Admin Mode is on (self-managed)")
            .scope("read_service_ping", "Download the Service Ping payload (administrators only)")
            .build();

    /**
     * Scopes a project or group access token cannot hold: GitLab checks theirs against
     * {@code resource_bot_scopes} = the non-admin scopes without {@code read_user}, and answers 400
     * for these (github-gitlab.md, GitLab §4 "Scopes").
     */
    public static final List<String> NOT_FOR_RESOURCE_TOKENS = List.of("read_user", "sudo", "admin_mode",
            "read_service_ping");

    /** The scopes GitLab lets a user grant to a token they create for themselves over the API. */
    public static final List<String> SELF_CREATABLE = List.of("k8s_proxy", "self_rotate");

    /**
     * The scopes that let a token pull over Git HTTPS; any one is enough ({@code api} and
     * {@code write_repository} include {@code read_repository} in {@link #CATALOGUE}).
     */
    public static final List<String> GIT_PULL = List.of("read_repository");

    /** The scopes that let a token push over Git HTTPS; {@code api} includes {@code write_repository}. */
    public static final List<String> GIT_PUSH = List.of("write_repository");

    private GitLabScopes() {}
}
