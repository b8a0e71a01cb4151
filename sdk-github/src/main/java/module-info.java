/**
 * Patkit for GitHub.com and GitHub Enterprise Server: inspect a token, the classic scope
 * catalogue, leaked-credential revocation, rate limits and organisation fine-grained token
 * governance.
 *
 * <p>{@code dev.patkit.github} is the API; {@link dev.patkit.github.GitHubClient} is the typed
 * client. Internals are not exported.
 */
module dev.patkit.github {
    requires transitive dev.patkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.patkit.github;

    provides dev.patkit.core.spi.ProviderClientFactory with dev.patkit.github.GitHubClientFactory;
}
