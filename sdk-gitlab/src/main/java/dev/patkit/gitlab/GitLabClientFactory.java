package dev.patkit.gitlab;

import dev.patkit.core.Credential;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.BaseProviderClientFactory;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.gitlab.internal.DefaultGitLabClient;
import dev.patkit.gitlab.internal.GitLabErrors;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes {@link GitLabClient}s; found by {@link java.util.ServiceLoader} under the id {@code gitlab}.
 *
 * <p>The default API base is {@code https://gitlab.com/api/v4}; a self-managed GitLab is named by
 * its full API base, which may sit under a path prefix ({@code https://host/gitlab/api/v4}). Only
 * {@code gitlab.com} is recognised by host: self-managed hosts cannot be told from others.
 * Stateless and thread-safe.
 */
public final class GitLabClientFactory extends BaseProviderClientFactory {

    /** The provider id. */
    public static final String ID = "gitlab";

    /** GitLab.com's API base. */
    public static final URI GITLAB_COM = URI.create("https://gitlab.com/api/v4");

    /** Creates the factory; it does no work until {@link #create} is called. */
    public GitLabClientFactory() {
        super(ID, SPI_VERSION, GITLAB_COM);
    }

    /**
     * Recognises any URL on {@code gitlab.com} (or {@code www.gitlab.com}).
     *
     * @param url a URL the caller has
     * @return {@code https://gitlab.com/api/v4} for GitLab.com, otherwise empty
     */
    @Override
    public Optional<URI> baseUriFor(URI url) {
        String host = host(url);
        return host.equals("gitlab.com") || host.equals("www.gitlab.com") ? Optional.of(GITLAB_COM) : Optional.empty();
    }

    /**
     * Creates a client that sends the token in the {@code PRIVATE-TOKEN} header.
     *
     * @param context the shared HTTP client, JSON mapper, clock and options
     * @param baseUri the API base, for example {@code https://gitlab.example.com/api/v4}
     * @param credential a {@link Token}
     * @return a {@link GitLabClient}
     * @throws IllegalArgumentException if the credential is not a token
     */
    @Override
    public ProviderClient create(ProviderContext context, URI baseUri, Credential credential) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(baseUri, "baseUri");
        Token token = require(credential, Token.class,
                "a Token (a personal, project, group or service-account access token)");
        URI base = withoutTrailingSlash(baseUri);
        HttpPipeline pipeline = context.pipeline(new PipelineSpec(ID, base,
                RequestAuthenticator.header("PRIVATE-TOKEN", "", token), GitLabErrors.MAPPER, Map.of()));
        return new DefaultGitLabClient(pipeline, token, context.clock(), context::objectMapper);
    }

}
