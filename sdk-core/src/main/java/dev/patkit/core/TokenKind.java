package dev.patkit.core;

import java.util.Optional;

/**
 * The kind of token recognised offline from its format.
 *
 * <p>Recognition is a hint for choosing a provider and catching typos; it never proves that a
 * token is valid. Self-managed GitLab may use a custom prefix, and such tokens are {@link #OPAQUE}.
 */
public enum TokenKind {
    /** GitHub personal access token (classic), prefix {@code ghp_}. */
    GITHUB_CLASSIC_PAT("github", "ghp_"),
    /** GitHub OAuth access token, prefix {@code gho_}. */
    GITHUB_OAUTH("github", "gho_"),
    /** GitHub App user access token, prefix {@code ghu_}. */
    GITHUB_APP_USER("github", "ghu_"),
    /** GitHub App installation access token, prefix {@code ghs_}. */
    GITHUB_APP_INSTALLATION("github", "ghs_"),
    /** GitHub App refresh token, prefix {@code ghr_}. */
    GITHUB_APP_REFRESH("github", "ghr_"),
    /** GitHub fine-grained personal access token, prefix {@code github_pat_}. */
    GITHUB_FINE_GRAINED_PAT("github", "github_pat_"),
    /** A GitHub token issued before April 2021: 40 lowercase hex characters. */
    GITHUB_LEGACY("github", ""),
    /** GitLab personal, project, group or impersonation access token, prefix {@code glpat-}. */
    GITLAB_PAT("gitlab", "glpat-"),
    /** Another GitLab token kind ({@code gldt-}, {@code glrt-}, {@code glcbt-}, ...). */
    GITLAB_OTHER("gitlab", "gl"),
    /** No recognised format: AtomGit tokens, IAM tokens, custom GitLab prefixes and the rest. */
    OPAQUE(null, "");

    private final String provider;
    private final String prefix;

    TokenKind(String provider, String prefix) {
        this.provider = provider;
        this.prefix = prefix;
    }

    /**
     * The provider id this kind of token belongs to.
     *
     * @return the provider id, or empty for {@link #OPAQUE}
     */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /**
     * The prefix that identifies this kind.
     *
     * @return the prefix, empty when the kind has none
     */
    public String prefix() {
        return prefix;
    }
}
