package dev.patkit.servicestage;

import dev.patkit.core.Authorization;
import dev.patkit.core.Token;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to register as a ServiceStage personal (token) authorization: a name, the forge's
 * repository type, the forge token and, for a self-managed forge, its host.
 *
 * <p>The token is only ever written into the request body; {@code toString()} shows its redacted
 * form. Checked before any request: see {@link ServiceStageClient#createPersonal}.
 *
 * @param name the authorization name, 4 to 63 characters of {@code A-Za-z0-9._-}; cannot be changed later
 * @param repoType the forge's type; one of {@link RepoType#PERSONAL}
 * @param token the forge's personal access token
 * @param host the forge's address for a self-managed forge, such as
 *     {@code https://gitlab.example.com}; empty for the forge's public service
 */
public record PersonalAuthorization(String name, RepoType repoType, Token token, Optional<URI> host) {

    /**
     * Creates the request.
     *
     * @param name the authorization name
     * @param repoType the forge's type
     * @param token the forge token
     * @param host the forge's address, or empty
     */
    public PersonalAuthorization {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repoType, "repoType");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(host, "host");
    }

    /**
     * A request for the forge's public service.
     *
     * @param name the authorization name
     * @param repoType the forge's type
     * @param token the forge token
     * @return the request
     */
    public static PersonalAuthorization of(String name, RepoType repoType, Token token) {
        return new PersonalAuthorization(name, repoType, token, Optional.empty());
    }

    /**
     * A request for the forge of a Patkit provider.
     *
     * @param name the authorization name
     * @param providerId {@code github}, {@code gitlab} or {@code gitee}
     * @param token the forge token
     * @return the request
     * @throws dev.patkit.core.ValidationException for AtomGit and unknown providers (see {@link RepoType#forProvider})
     */
    public static PersonalAuthorization forProvider(String name, String providerId, Token token) {
        return of(name, RepoType.forProvider(providerId), token);
    }

    /**
     * A request for the forge a token was inspected at: the repository type from its provider,
     * and for GitHub Enterprise Server or self-managed GitLab the host from its API base (without
     * {@code /api/v3} or {@code /api/v4}).
     *
     * @param name the authorization name
     * @param forge the token's authorization, as the forge's client reported it
     * @param token the forge token
     * @return the request
     * @throws dev.patkit.core.ValidationException for AtomGit and unknown providers
     */
    public static PersonalAuthorization forForge(String name, Authorization forge, Token token) {
        RepoType type = RepoType.forProvider(forge.provider());
        return new PersonalAuthorization(name, type, token, selfManagedHost(type, forge.host()));
    }

    /**
     * The same request with a forge address.
     *
     * @param forgeHost the forge's address, an absolute https URL, or http for a forge on a private
     *     network (ServiceStage accepts it; the result's {@link GitAuthorization#hostOnPlainHttp()}
     *     then says so)
     * @return a new request
     */
    public PersonalAuthorization withHost(URI forgeHost) {
        return new PersonalAuthorization(name, repoType, token, Optional.of(forgeHost));
    }

    private static Optional<URI> selfManagedHost(RepoType type, URI apiBase) {
        String host = apiBase.getHost() == null ? "" : apiBase.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("api.github.com") || host.equals("github.com") || host.equals("gitlab.com")
                || host.equals("gitee.com")) {
            return Optional.empty();
        }
        String path = apiBase.getRawPath() == null ? "" : apiBase.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (String suffix : new String[] {"/api/v3", "/api/v4", "/api/v5"}) {
            if (path.endsWith(suffix)) {
                path = path.substring(0, path.length() - suffix.length());
                break;
            }
        }
        return Optional.of(URI.create(apiBase.getScheme() + "://" + apiBase.getRawAuthority() + path));
    }
}
