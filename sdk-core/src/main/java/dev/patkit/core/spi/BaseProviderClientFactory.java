package dev.patkit.core.spi;

import dev.patkit.core.Credential;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What every {@link ProviderClientFactory} shares: its id, the SPI version it was built for, its
 * default API base, and the checks every factory makes (the credential's type, a normalised host,
 * an API base without trailing slashes).
 *
 * <p>A provider passes {@link ProviderClientFactory#SPI_VERSION} to the constructor from its own
 * code, so the constant is copied into the provider's class file and {@link #spiVersion()} reports
 * the version the provider was built against. Subclasses must stay stateless and thread-safe.
 */
public abstract class BaseProviderClientFactory implements ProviderClientFactory {

    private final String id;
    private final int spiVersion;
    private final URI defaultBaseUri;

    /**
     * @param id the provider id, lower case
     * @param spiVersion {@code ProviderClientFactory.SPI_VERSION}, written in the provider's own code
     * @param defaultBaseUri the API base used when the caller names none
     */
    protected BaseProviderClientFactory(String id, int spiVersion, URI defaultBaseUri) {
        this.id = Objects.requireNonNull(id, "id");
        this.spiVersion = spiVersion;
        this.defaultBaseUri = Objects.requireNonNull(defaultBaseUri, "defaultBaseUri");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int spiVersion() {
        return spiVersion;
    }

    @Override
    public URI defaultBaseUri() {
        return defaultBaseUri;
    }

    /**
     * The credential as the type this provider takes, or a clear refusal naming what it takes.
     *
     * @param credential the caller's credential
     * @param type the type this provider takes
     * @param what what to call it in the message, for example {@code "a Token (a personal access token)"}
     * @param <C> the type
     * @return the credential
     * @throws IllegalArgumentException for null or another type; the message never shows the credential
     */
    protected final <C extends Credential> C require(Credential credential, Class<C> type, String what) {
        if (!type.isInstance(credential)) {
            throw refused(credential, what);
        }
        return type.cast(credential);
    }

    /**
     * The refusal of a credential this provider does not take.
     *
     * @param credential the caller's credential (a null one, passed to a factory directly, is named as such)
     * @param what what the provider takes, for example {@code "a Token or an AtomGitCredential"}
     * @return the exception to throw; its message never shows the credential
     */
    protected final IllegalArgumentException refused(Credential credential, String what) {
        return new IllegalArgumentException("A " + id + " client needs " + what + ", not "
                + (credential == null ? "a null credential" : "a " + credential.getClass().getSimpleName()));
    }

    /**
     * A URL's host for matching: lower case, without a trailing dot; empty when there is none.
     *
     * @param url a URL the caller has
     * @return the host
     */
    protected static String host(URI url) {
        String host = url == null || url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /**
     * An API base without trailing slashes, so paths append cleanly.
     *
     * @param uri the base
     * @return the base without trailing slashes
     */
    protected static URI withoutTrailingSlash(URI uri) {
        String s = Objects.requireNonNull(uri, "baseUri").toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return end == s.length() ? uri : URI.create(s.substring(0, end));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
