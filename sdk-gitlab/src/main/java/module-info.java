/**
 * Patkit for GitLab.com and self-managed GitLab: personal, project, group, impersonation and
 * service-account access tokens, from inspection to rotation.
 *
 * <p>{@link dev.patkit.gitlab.GitLabClient} is the typed client; the factory is found by
 * {@link java.util.ServiceLoader} under the provider id {@code gitlab}.
 */
module dev.patkit.gitlab {
    requires transitive dev.patkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.patkit.gitlab;

    provides dev.patkit.core.spi.ProviderClientFactory with dev.patkit.gitlab.GitLabClientFactory;
}
