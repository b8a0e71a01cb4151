package dev.patkit.core.spi;

import dev.patkit.core.AsyncTokens;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.Tokens;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.rotation.TokenRotator;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The base of every provider's token family: a provider overrides the operations its forge has
 * (each returning a future, its input checks made before any request through
 * {@link Futures#attempt}); the rest fail with {@link UnsupportedCapabilityException}. The
 * blocking view ({@link #sync()}), the rotator and the capability set come from here, so every
 * family behaves alike.
 */
public abstract class TokenFamily implements AsyncTokens {

    private final String providerId;
    private final String description;
    private final Set<Capability> capabilities;
    private final Tokens sync = new Blocking();

    /**
     * @param providerId the provider id, for messages
     * @param description the family, for messages, for example {@code gitlab project 42 tokens at https://gitlab.com}
     * @param capabilities what the family supports (a subset of LIST, GET, CREATE, ROTATE, REVOKE)
     */
    protected TokenFamily(String providerId, String description, Set<Capability> capabilities) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.description = Objects.requireNonNull(description, "description");
        this.capabilities = capabilities.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /**
     * A family the forge offers no API for: every operation says so.
     *
     * @param providerId the provider id
     * @param description the family, for messages
     * @return the family
     */
    public static TokenFamily none(String providerId, String description) {
        return new TokenFamily(providerId, description, Set.of()) {};
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    /** @return the description given at construction */
    public final String describe() {
        return description;
    }

    /**
     * Lists tokens lazily. Fails unless overridden.
     *
     * @param query the filters
     * @return the tokens
     */
    public Stream<Authorization> list(TokenQuery query) {
        throw unsupported(Capability.LIST);
    }

    @Override
    public CompletableFuture<Authorization> get(String tokenId) {
        return CompletableFuture.failedFuture(unsupported(Capability.GET));
    }

    @Override
    public CompletableFuture<CreatedToken> create(TokenSpec spec) {
        return CompletableFuture.failedFuture(unsupported(Capability.CREATE));
    }

    @Override
    public final CompletableFuture<CreatedToken> rotate(String tokenId, LocalDate expiresOn) {
        return rotateToken(tokenId, Optional.of(Objects.requireNonNull(expiresOn, "expiresOn")));
    }

    @Override
    public final CompletableFuture<CreatedToken> rotate(String tokenId) {
        return rotateToken(tokenId, Optional.empty());
    }

    /**
     * Rotates a token. Fails unless overridden.
     *
     * @param tokenId the token to rotate
     * @param expiresOn the new expiry, or empty for the forge's choice
     * @return a future of the new token
     */
    protected CompletableFuture<CreatedToken> rotateToken(String tokenId, Optional<LocalDate> expiresOn) {
        return CompletableFuture.failedFuture(unsupported(Capability.ROTATE));
    }

    @Override
    public CompletableFuture<Void> revoke(String tokenId) {
        return CompletableFuture.failedFuture(unsupported(Capability.REVOKE));
    }

    /**
     * The exception for an operation this family lacks. Override to point at the forge's web page.
     *
     * @param capability the missing operation
     * @return the exception, with a hint for a person
     */
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        return new UnsupportedCapabilityException(providerId, capability,
                "Use the provider's web interface.");
    }

    @Override
    public final Tokens sync() {
        return sync;
    }

    @Override
    public String toString() {
        return "Tokens[" + description + "]";
    }

    /** The blocking view: each call joins the future of the same operation. */
    private final class Blocking implements Tokens {
        @Override
        public String describe() {
            return description;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public Stream<Authorization> list(TokenQuery query) {
            return TokenFamily.this.list(Objects.requireNonNull(query, "query"));
        }

        @Override
        public Authorization get(String tokenId) {
            return Futures.join(TokenFamily.this.get(tokenId));
        }

        @Override
        public CreatedToken create(TokenSpec spec) {
            return Futures.join(TokenFamily.this.create(spec));
        }

        @Override
        public CreatedToken rotate(String tokenId, LocalDate expiresOn) {
            return Futures.join(TokenFamily.this.rotate(tokenId, expiresOn));
        }

        @Override
        public CreatedToken rotate(String tokenId) {
            return Futures.join(TokenFamily.this.rotate(tokenId));
        }

        @Override
        public void revoke(String tokenId) {
            Futures.join(TokenFamily.this.revoke(tokenId));
        }

        @Override
        public TokenRotator rotator(String tokenId) {
            return TokenRotator.of(this, tokenId);
        }

        @Override
        public AsyncTokens async() {
            return TokenFamily.this;
        }

        @Override
        public String toString() {
            return TokenFamily.this.toString();
        }
    }
}
