package dev.patkit.atomgit;

import dev.patkit.atomgit.internal.DefaultAtomGitClient;
import dev.patkit.core.Credential;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.spi.BaseProviderClientFactory;
import dev.patkit.core.spi.ProviderContext;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The factory {@link java.util.ServiceLoader} finds for the provider id {@value #ID}; it builds
 * {@link AtomGitClient}s.
 *
 * <p>It recognises {@code atomgit.com} and {@code api.atomgit.com} (giving {@link #DEFAULT_BASE_URI})
 * and {@code gitcode.com} and {@code api.gitcode.com} (the same service, giving
 * {@link #GITCODE_BASE_URI}). Clients take a {@link Token} or an {@link AtomGitCredential}.
 * Stateless and thread-safe.
 */
public final class AtomGitClientFactory extends BaseProviderClientFactory {

    /** The provider id. */
    public static final String ID = "atomgit";

    /** AtomGit's API v5. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.atomgit.com/api/v5");

    /** GitCode's API v5: the same service and tokens as AtomGit under another name. */
    public static final URI GITCODE_BASE_URI = URI.create("https://api.gitcode.com/api/v5");

    /** Creates the factory; does no work. */
    public AtomGitClientFactory() {
        super(ID, SPI_VERSION, DEFAULT_BASE_URI);
    }

    @Override
    public Optional<URI> baseUriFor(URI url) {
        switch (host(url)) {
            case "atomgit.com":
            case "www.atomgit.com":
            case "api.atomgit.com":
                return Optional.of(DEFAULT_BASE_URI);
            case "gitcode.com":
            case "www.gitcode.com":
            case "api.gitcode.com":
                return Optional.of(GITCODE_BASE_URI);
            default:
                return Optional.empty();
        }
    }

    /**
     * Creates a client.
     *
     * @param context the shared HTTP client, JSON mapper, clock and options
     * @param baseUri the API base, for example {@link #DEFAULT_BASE_URI}
     * @param credential a {@link Token}, or an {@link AtomGitCredential} carrying a record
     * @return an {@link AtomGitClient}
     * @throws IllegalArgumentException for any other kind of credential
     */
    @Override
    public ProviderClient create(ProviderContext context, URI baseUri, Credential credential) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(baseUri, "baseUri");
        if (credential instanceof Token token) {
            return DefaultAtomGitClient.create(context, baseUri, token, Optional.empty());
        }
        if (credential instanceof AtomGitCredential c) {
            return DefaultAtomGitClient.create(context, baseUri, c.token(), Optional.of(c.recorded()));
        }
        throw refused(credential, "a Token or an AtomGitCredential");
    }

}
