package dev.patkit.core.testing;

import dev.patkit.core.AsyncProviderClient;
import dev.patkit.core.AsyncTokens;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Tokens;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.TokenFamily;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A client without a forge, for tests of what is built on {@link ProviderClient}: it inspects as told
 * and has the given family; a test overrides what else it needs (Git credentials, for example).
 */
public class StubClient implements ProviderClient {

    private final String providerId;
    private final URI baseUri;
    private final Supplier<CompletableFuture<Authorization>> inspect;
    private final TokenFamily family;

    /**
     * @param providerId the provider id
     * @param baseUri the base
     * @param inspect what inspection answers
     * @param family the default token family
     */
    public StubClient(String providerId, URI baseUri, Supplier<CompletableFuture<Authorization>> inspect,
            TokenFamily family) {
        this.providerId = providerId;
        this.baseUri = baseUri;
        this.inspect = inspect;
        this.family = family;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> all = EnumSet.of(Capability.INSPECT);
        all.addAll(family.capabilities());
        return all;
    }

    @Override
    public Authorization inspect() {
        return Futures.join(inspect.get());
    }

    @Override
    public Tokens tokens() {
        return family.sync();
    }

    @Override
    public HttpRequest.Builder authenticate(HttpRequest.Builder request) {
        return request;
    }

    @Override
    public GitCredentials gitCredentials() {
        throw new UnsupportedCapabilityException(providerId, Capability.GIT_CREDENTIALS, "None here.");
    }

    @Override
    public Optional<RateLimitSnapshot> rateLimit() {
        return Optional.empty();
    }

    @Override
    public AsyncProviderClient async() {
        StubClient self = this;
        return new AsyncProviderClient() {
            @Override
            public CompletableFuture<Authorization> inspect() {
                return inspect.get();
            }

            @Override
            public AsyncTokens tokens() {
                return family;
            }

            @Override
            public ProviderClient sync() {
                return self;
            }
        };
    }
}
