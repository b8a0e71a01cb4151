package dev.patkit.atomgit.internal;

import dev.patkit.atomgit.AtomGitClientFactory;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.TokenFamily;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * AtomGit's personal tokens: AtomGit has no API for them, so every operation fails before any
 * request with the web page and the steps a person follows there ({@link WebUi}); a create request
 * is checked first and its values are named in the steps. Thread-safe.
 */
final class AtomGitTokens extends TokenFamily {

    private final URI tokenPage;

    AtomGitTokens(URI baseUri, URI tokenPage) {
        super(AtomGitClientFactory.ID, "atomgit personal tokens at " + baseUri, Set.of());
        this.tokenPage = tokenPage;
    }

    @Override
    public CompletableFuture<CreatedToken> create(TokenSpec spec) {
        return Futures.attempt(() -> {
            AtomGitChecks.create(spec);
            return CompletableFuture.failedFuture(WebUi.unsupportedCreate(spec, tokenPage));
        });
    }

    @Override
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        return WebUi.unsupported(capability, tokenPage);
    }
}
