package dev.patkit.core.spi;

import dev.patkit.core.AsyncProviderClient;
import dev.patkit.core.AsyncTokens;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Tokens;
import dev.patkit.core.UnsupportedCapabilityException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The base of every provider's client: what all clients do alike — the id, the API base, the
 * caller's own requests authenticated through the pipeline, the rate-limit budget, the blocking
 * and asynchronous views of inspection and of the default token family — so a provider writes
 * only what its forge has. A provider whose client has typed asynchronous extras overrides
 * {@link #async()} with a narrower type.
 */
public abstract class BaseProviderClient implements ProviderClient {

    private final String providerId;
    private final HttpPipeline pipeline;
    private final Set<Capability> own;
    private volatile Set<Capability> capabilities;

    /**
     * @param providerId the provider id
     * @param pipeline the client's pipeline: its API base, credentials and budget
     * @param own what the client itself can do (INSPECT, GIT_CREDENTIALS, AUTHENTICATE_REQUESTS);
     *     the default family's capabilities are added to these
     */
    protected BaseProviderClient(String providerId, HttpPipeline pipeline, Set<Capability> own) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.own = own.isEmpty() ? Set.of() : EnumSet.copyOf(own);
    }

    /** @return the pipeline every request of this client goes through */
    protected final HttpPipeline pipeline() {
        return pipeline;
    }

    /**
     * Sends the inspection of the client's own token.
     *
     * @return a future of the authorization
     */
    protected abstract CompletableFuture<Authorization> inspection();

    /** @return the client's default token family; {@link TokenFamily#none} where the forge has none */
    protected abstract TokenFamily tokenFamily();

    @Override
    public final String providerId() {
        return providerId;
    }

    @Override
    public URI baseUri() {
        return pipeline.baseUri();
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> all = capabilities;
        if (all == null) {
            EnumSet<Capability> union = EnumSet.noneOf(Capability.class);
            union.addAll(own);
            union.addAll(tokenFamily().capabilities());
            capabilities = all = Collections.unmodifiableSet(union);
        }
        return all;
    }

    @Override
    public Authorization inspect() {
        return Futures.join(inspection());
    }

    @Override
    public Tokens tokens() {
        return tokenFamily().sync();
    }

    @Override
    public GitCredentials gitCredentials() {
        throw unsupported(Capability.GIT_CREDENTIALS);
    }

    @Override
    public final HttpRequest.Builder authenticate(HttpRequest.Builder request) {
        return pipeline.authenticate(request);
    }

    @Override
    public final Optional<RateLimitSnapshot> rateLimit() {
        return pipeline.rateLimit();
    }

    @Override
    public AsyncProviderClient async() {
        return new AsyncView(this);
    }

    /**
     * The exception for something this client cannot do. Override to point at the forge's page.
     *
     * @param capability what is missing
     * @return the exception, with a hint for a person
     */
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        return new UnsupportedCapabilityException(providerId, capability, "Use the provider's web interface.");
    }

    /**
     * The asynchronous view of a client; a provider's narrower view extends it.
     */
    protected static class AsyncView implements AsyncProviderClient {

        private final BaseProviderClient client;

        /** @param client the client this is the view of */
        protected AsyncView(BaseProviderClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        @Override
        public CompletableFuture<Authorization> inspect() {
            return client.inspection();
        }

        @Override
        public AsyncTokens tokens() {
            return client.tokenFamily();
        }

        @Override
        public ProviderClient sync() {
            return client;
        }

        @Override
        public String toString() {
            return "async " + client;
        }
    }
}
