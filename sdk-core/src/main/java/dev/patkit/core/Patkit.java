package dev.patkit.core;

import dev.patkit.core.internal.PatkitRuntime;
import dev.patkit.core.spi.ProviderClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: holds the provider factories and everything their clients share.
 *
 * <p>Create one instance per configuration and keep it; clients made from it are cheap. There is
 * no global state: two instances share nothing. Providers are found through
 * {@link ServiceLoader} on the class path and the module path (add {@code patkit-gitlab},
 * {@code patkit-github}, ...), and can also be registered by hand.
 *
 * <pre>{@code
 * try (Patkit patkit = Patkit.create()) {
 *     ProviderClient gitlab = patkit.client("gitlab", Token.fromEnvironment("GITLAB_TOKEN"));
 *     Authorization me = gitlab.inspect();
 *     me.require("api");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Patkit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Patkit.class);
    private static final List<String> KNOWN_ARTIFACTS =
            List.of("patkit-github", "patkit-gitlab", "patkit-atomgit", "patkit-servicestage");

    private final Map<String, ProviderClientFactory> factories;
    private final PatkitRuntime runtime;

    private Patkit(Map<String, ProviderClientFactory> factories, PatkitOptions options) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
        this.runtime = new PatkitRuntime(options);
    }

    /**
     * An instance with default options and every provider found by {@link ServiceLoader}.
     *
     * @return the instance
     * @throws ProviderLookupException if no provider is found, or two share an id
     */
    public static Patkit create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the version of Patkit, or {@code dev} when run from unpacked classes without it */
    public static String version() {
        return Version.VALUE;
    }

    static String defaultUserAgent() {
        return "Patkit/" + version() + " (Java " + System.getProperty("java.version", "?") + ")";
    }

    /** @return the ids of the available providers */
    public Set<String> providers() {
        return factories.keySet();
    }

    /** @return the options */
    public PatkitOptions options() {
        return runtime.options();
    }

    /**
     * The factory of a provider.
     *
     * @param id the provider id
     * @return the factory
     * @throws ProviderLookupException naming the available providers and the artifact to add
     */
    public ProviderClientFactory factory(String id) {
        ProviderClientFactory f = factories.get(Objects.requireNonNull(id, "id"));
        if (f == null) {
            throw new ProviderLookupException("No provider '" + id + "'. Available: " + new TreeSet<>(factories.keySet())
                    + ". Add the artifact dev.patkit:patkit-" + id + " to use it, or register its factory by hand.",
                    ErrorContext.NONE);
        }
        return f;
    }

    /**
     * A client for a provider's default API base (or {@link PatkitOptions#baseUri()} when set).
     *
     * @param providerId the provider id, for example {@code gitlab}
     * @param credential the credential, usually a {@link Token}
     * @return the client
     */
    public ProviderClient client(String providerId, Credential credential) {
        Objects.requireNonNull(credential, "credential");
        ProviderClientFactory f = factory(providerId);
        return f.create(runtime, runtime.options().baseUri().orElse(f.defaultBaseUri()), credential);
    }

    /**
     * A client for a given API base, such as a self-managed GitLab at {@code https://host/gitlab/api/v4}.
     *
     * @param providerId the provider id
     * @param baseUri the API base
     * @param credential the credential
     * @return the client
     */
    public ProviderClient client(String providerId, URI baseUri, Credential credential) {
        SecureTransport.requireNoUserInfo(Objects.requireNonNull(baseUri, "baseUri"), "The API base");
        Objects.requireNonNull(credential, "credential");
        return factory(providerId).create(runtime, baseUri, credential);
    }

    /**
     * A client chosen by host, for example {@code https://gitlab.com} or {@code https://api.github.com}.
     *
     * @param url a URL on the provider's host
     * @param credential the credential
     * @return the client
     * @throws ProviderLookupException if no provider, or more than one, recognises the host
     */
    public ProviderClient clientForHost(URI url, Credential credential) {
        SecureTransport.requireNoUserInfo(Objects.requireNonNull(url, "url"), "The URL");
        Objects.requireNonNull(credential, "credential");
        List<String> matches = new ArrayList<>();
        ProviderClientFactory chosen = null;
        URI base = null;
        for (ProviderClientFactory f : factories.values()) {
            Optional<URI> b = f.baseUriFor(url);
            if (b.isPresent()) {
                matches.add(f.id());
                chosen = f;
                base = b.get();
            }
        }
        if (matches.size() != 1) {
            throw new ProviderLookupException((matches.isEmpty() ? "No provider recognises the host "
                    : "More than one provider (" + matches + ") recognises the host ") + url.getHost()
                    + ". Available: " + new TreeSet<>(factories.keySet())
                    + ". Name the provider and its API base with client(id, baseUri, credential).", ErrorContext.NONE);
        }
        return chosen.create(runtime, base, credential);
    }

    /** Stops Patkit's timer thread and closes the HTTP client it created; a caller's client stays open. */
    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "Patkit[" + factories.keySet() + "]";
    }

    /** Builds a {@link Patkit}. Not thread-safe. */
    public static final class Builder {
        private PatkitOptions options = PatkitOptions.defaults();
        private final Map<String, ProviderClientFactory> registered = new LinkedHashMap<>();
        private boolean discover = true;
        private ClassLoader loader;

        private Builder() {}

        /** @param options the options (default {@link PatkitOptions#defaults()}) @return this builder */
        public Builder options(PatkitOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Registers a factory by hand (shaded jars, native images, tests). It replaces a discovered
         * factory with the same id.
         *
         * @param factory the factory
         * @return this builder
         * @throws ProviderLookupException if another registered factory has the same id
         */
        public Builder register(ProviderClientFactory factory) {
            Objects.requireNonNull(factory, "factory");
            String mismatch = spiMismatch(factory);
            if (mismatch != null) {
                throw new ProviderLookupException(mismatch, ErrorContext.NONE);
            }
            ProviderClientFactory previous = registered.putIfAbsent(factory.id(), factory);
            if (previous != null) {
                throw new ProviderLookupException("Two factories registered for provider '" + factory.id() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName(), ErrorContext.NONE);
            }
            return this;
        }

        /** Turns {@link ServiceLoader} discovery off: only registered factories are used. @return this builder */
        public Builder withoutDiscovery() {
            this.discover = false;
            return this;
        }

        /**
         * Discovers through a given class loader instead of the thread's context class loader.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder discoverWith(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            this.discover = true;
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return the instance
         * @throws ProviderLookupException if no provider is available, or two discovered factories share an id
         */
        public Patkit build() {
            Map<String, ProviderClientFactory> all = new LinkedHashMap<>();
            if (discover) {
                Map<String, List<String>> seen = new LinkedHashMap<>();
                for (ProviderClientFactory f : discover()) {
                    seen.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f.getClass().getName());
                    all.putIfAbsent(f.id(), f);
                }
                seen.forEach((id, classes) -> {
                    if (classes.size() > 1 && !registered.containsKey(id)) {
                        throw new ProviderLookupException("More than one provider has the id '" + id + "': " + classes
                                + ". Remove the duplicate artifact from the class path, or register one by hand.",
                                ErrorContext.NONE);
                    }
                });
            }
            all.putAll(registered);
            if (all.isEmpty()) {
                throw new ProviderLookupException("No Patkit providers were found on the class path or module path."
                        + " Add one or more of " + KNOWN_ARTIFACTS + " (groupId dev.patkit), or register a factory by hand.",
                        ErrorContext.NONE);
            }
            return new Patkit(all, options);
        }

        private List<ProviderClientFactory> discover() {
            ServiceLoader<ProviderClientFactory> sl = loader != null
                    ? ServiceLoader.load(ProviderClientFactory.class, loader)
                    : ServiceLoader.load(ProviderClientFactory.class);
            List<ProviderClientFactory> found = new ArrayList<>();
            Iterator<ProviderClientFactory> it = sl.iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    ProviderClientFactory f = it.next();
                    String mismatch = spiMismatch(f);
                    if (mismatch != null) {
                        LOG.warn("Skipping a Patkit provider: {}", mismatch);
                        continue;
                    }
                    found.add(f);
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.warn("Skipping a Patkit provider that failed to load: {}", e.getMessage());
                }
            }
            return found;
        }
    }

    /**
     * Whether a factory was built for this core's SPI.
     *
     * @return null when it was, else what is wrong and what to do
     */
    static String spiMismatch(ProviderClientFactory f) {
        int theirs;
        try {
            theirs = f.spiVersion();
        } catch (AbstractMethodError e) {
            theirs = 0; // built before factories reported a version
        }
        if (theirs == ProviderClientFactory.SPI_VERSION) {
            return null;
        }
        String id;
        try {
            id = f.id();
        } catch (RuntimeException | LinkageError e) {
            id = "?";
        }
        return "provider '" + id + "' (" + f.getClass().getName() + ") was built for Patkit SPI version " + theirs
                + ", but this patkit-core " + Version.VALUE + " speaks version " + ProviderClientFactory.SPI_VERSION
                + ". Use the same version of every patkit-* artifact, for example by importing dev.patkit:patkit-bom.";
    }

    private static final class Version {
        static final String VALUE = load();

        private static String load() {
            try (InputStream in = Patkit.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String v = p.getProperty("version", "dev");
                    return v.startsWith("${") ? "dev" : v;
                }
            } catch (IOException e) {
                // fall through
            }
            return "dev";
        }
    }
}
