package dev.patkit.core.spi;

import dev.patkit.core.Credential;
import dev.patkit.core.ProviderClient;
import java.net.URI;
import java.util.Optional;

/**
 * Service provider interface found through {@link java.util.ServiceLoader}: a cheap, stateless
 * factory for one provider's clients.
 *
 * <p>Declare implementations both in {@code module-info} ({@code provides}) and in
 * {@code META-INF/services/dev.patkit.core.spi.ProviderClientFactory}. Implementations must be
 * thread-safe, have a public no-argument constructor, and do no work when constructed.
 */
public interface ProviderClientFactory {

    /**
     * The version of this interface and of the SPI types it hands out ({@link ProviderContext},
     * {@link HttpPipeline}, {@link ApiRequest}, …). It changes when they change incompatibly.
     * {@link dev.patkit.core.Patkit} uses only factories that report this same version, and names
     * the others with what to do (use one version of every {@code patkit-*} artifact, for example
     * through {@code patkit-bom}), as slf4j does with its providers' requested API version.
     */
    int SPI_VERSION = 1;

    /**
     * The SPI version this factory was compiled against. Implement it as
     * {@code return ProviderClientFactory.SPI_VERSION;}: the constant is copied into the factory's
     * class file when it is compiled, so the value is the one it was built for.
     *
     * @return the version this factory was built against
     */
    int spiVersion();

    /** @return the provider id, for example {@code gitlab}; lower case, unique */
    String id();

    /** @return the Maven artifactId that ships this factory, for error messages */
    default String artifactId() {
        return "patkit-" + id();
    }

    /** @return the API base used when the caller names none, for example {@code https://gitlab.com/api/v4} */
    URI defaultBaseUri();

    /**
     * Recognises a host of this provider and gives its API base.
     *
     * @param url a URL the caller has, such as {@code https://github.com} or {@code https://api.github.com}
     * @return the API base for that host, or empty when this provider does not recognise it
     */
    Optional<URI> baseUriFor(URI url);

    /**
     * Creates a client.
     *
     * @param context the shared HTTP client, JSON mapper, clock and options
     * @param baseUri the API base to talk to
     * @param credential the credential; a factory rejects kinds it cannot use with
     *     {@link IllegalArgumentException}
     * @return the client
     */
    ProviderClient create(ProviderContext context, URI baseUri, Credential credential);
}
