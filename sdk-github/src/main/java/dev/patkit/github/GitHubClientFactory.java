package dev.patkit.github;

import dev.patkit.core.Credential;
import dev.patkit.core.Token;
import dev.patkit.core.spi.BaseProviderClientFactory;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.github.internal.DefaultGitHubClient;
import dev.patkit.github.internal.GitHubChecks;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates {@link GitHubClient}s; found by {@link java.util.ServiceLoader} under the id
 * {@value #ID}.
 *
 * <p>Recognises {@code github.com}, {@code www.github.com} and {@code api.github.com} (API base
 * {@code https://api.github.com}), GHE.com data-residency hosts {@code SUBDOMAIN.ghe.com} and
 * {@code api.SUBDOMAIN.ghe.com} (API base {@code https://api.SUBDOMAIN.ghe.com}), and any URL whose
 * path ends in {@code /api/v3} (GitHub Enterprise Server, whose API base is
 * {@code https://HOST/api/v3}). To send another
 * {@code X-GitHub-Api-Version} to every client, register {@code new GitHubClientFactory("2026-03-10")}
 * by hand with {@link dev.patkit.core.Patkit.Builder#register}; it replaces the discovered one.
 *
 * <p>Stateless and thread-safe: the state GitHub clients share (the pacing of mutating calls per
 * token and of inspections per host, and the GitHub Enterprise Server version each host reports)
 * belongs to each {@link dev.patkit.core.Patkit} instance, never to the factory, so two Patkit
 * instances never pace each other.
 */
public final class GitHubClientFactory extends BaseProviderClientFactory {

    /** The provider id. */
    public static final String ID = "github";

    /** The {@code X-GitHub-Api-Version} sent unless configured otherwise. */
    public static final String DEFAULT_API_VERSION = "2022-11-28";

    private static final URI GITHUB_API = URI.create("https://api.github.com");
    private static final String GHE_COM = ".ghe.com";

    private final String apiVersion;

    /** Creates the factory ServiceLoader uses, sending {@value #DEFAULT_API_VERSION}. */
    public GitHubClientFactory() {
        this(DEFAULT_API_VERSION);
    }

    /**
     * Creates a factory whose clients send another API version.
     *
     * @param apiVersion a version date such as {@code 2026-03-10}
     * @throws IllegalArgumentException if the value is not a {@code YYYY-MM-DD} date
     */
    public GitHubClientFactory(String apiVersion) {
        super(ID, SPI_VERSION, GITHUB_API);
        this.apiVersion = GitHubChecks.apiVersion(apiVersion);
    }

    @Override
    public Optional<URI> baseUriFor(URI url) {
        Objects.requireNonNull(url, "url");
        String h = host(url);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        if (h.equals("github.com") || h.equals("www.github.com") || h.equals("api.github.com")) {
            return Optional.of(GITHUB_API);
        }
        Optional<String> dataResidency = gheComSubdomain(h);
        if (dataResidency.isPresent()) {
            return Optional.of(URI.create("https://api." + dataResidency.get() + GHE_COM));
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/api/v3") && url.getScheme() != null) {
            return Optional.of(URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + path));
        }
        return Optional.empty();
    }

    /**
     * The subdomain of a GHE.com (data residency) host: {@code SUBDOMAIN.ghe.com} (web) or
     * {@code api.SUBDOMAIN.ghe.com} (API).
     *
     * @param host a lower-case host name
     * @return the subdomain, or empty when the host is not on GHE.com
     */
    static Optional<String> gheComSubdomain(String host) {
        if (!host.endsWith(GHE_COM)) {
            return Optional.empty();
        }
        String sub = host.substring(0, host.length() - GHE_COM.length());
        if (sub.startsWith("api.")) {
            sub = sub.substring(4);
        }
        if (sub.isEmpty() || sub.length() > 63 || sub.startsWith("-") || sub.endsWith("-")
                || !sub.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return Optional.empty();
        }
        return Optional.of(sub);
    }

    /**
     * Creates a client.
     *
     * @param context the shared HTTP client, mapper, clock and options
     * @param baseUri the API base, {@code https://api.github.com} or {@code https://HOST/api/v3}
     * @param credential a {@link Token}
     * @return a {@link GitHubClient}
     * @throws IllegalArgumentException if the credential is not a {@link Token}
     */
    @Override
    public GitHubClient create(ProviderContext context, URI baseUri, Credential credential) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(baseUri, "baseUri");
        Token token = require(credential, Token.class, "a Token");
        return new DefaultGitHubClient(context, baseUri, token, apiVersion);
    }

    @Override
    public String toString() {
        return "GitHubClientFactory[" + apiVersion + "]";
    }
}
