/**
 * Patkit for AtomGit ({@code api.atomgit.com}, API v5; {@code api.gitcode.com} is the same
 * service): inspect a personal access token, check recorded metadata offline, share the per-user
 * rate limit, and give Git over HTTPS credentials.
 *
 * <p>{@code dev.patkit.atomgit} is the API; the factory is found by {@link java.util.ServiceLoader}
 * under the provider id {@code atomgit}.
 */
module dev.patkit.atomgit {
    requires transitive dev.patkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.patkit.atomgit;

    provides dev.patkit.core.spi.ProviderClientFactory with dev.patkit.atomgit.AtomGitClientFactory;
}
