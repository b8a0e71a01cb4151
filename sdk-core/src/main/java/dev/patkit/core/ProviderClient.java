package dev.patkit.core;

import dev.patkit.core.spi.Futures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A client for one provider endpoint holding one credential: the interface users call and each
 * provider implements.
 *
 * <p>Every operation comes in a blocking form and an asynchronous form; both run the same
 * description of the endpoint. An operation the provider cannot do over its API throws
 * {@link UnsupportedCapabilityException} with a hint for a person; {@link #capabilities()} says
 * beforehand. Provider modules add typed extras through sub-interfaces (see {@link #unwrap}).
 *
 * <p>Implementations are thread-safe and cheap: clients share their {@link Patkit} instance's
 * HTTP client, so a framework may hold thousands.
 */
public interface ProviderClient extends AutoCloseable {

    /** @return the provider id, for example {@code gitlab} */
    String providerId();

    /** @return the API base this client talks to */
    URI baseUri();

    /** @return what this client can do */
    Set<Capability> capabilities();

    /**
     * Inspects the client's own token: owner, scopes, expiry, standing.
     *
     * @return a future of the authorization
     */
    CompletableFuture<Authorization> inspectAsync();

    /**
     * Inspects the client's own token. Each provider documents whether a rejected token yields an
     * {@link AuthorizationStatus#INVALID} authorization or an {@link AuthenticationException}.
     *
     * @return the authorization
     */
    default Authorization inspect() {
        return Futures.blocking(() -> inspectAsync());
    }

    /**
     * Lists tokens lazily: pages are fetched as the stream is consumed, never all at once.
     *
     * @param query the filters
     * @return the tokens
     */
    default Stream<Authorization> list(TokenQuery query) {
        throw unsupported(Capability.LIST);
    }

    /**
     * Gets one token record.
     *
     * @param tokenId the provider's id
     * @return a future of the record
     */
    default CompletableFuture<Authorization> getAsync(String tokenId) {
        return CompletableFuture.failedFuture(unsupported(Capability.GET));
    }

    /**
     * Gets one token record.
     *
     * @param tokenId the provider's id
     * @return the record
     */
    default Authorization get(String tokenId) {
        return Futures.blocking(() -> getAsync(tokenId));
    }

    /**
     * Creates a token. The request is checked before it is sent; a lost response is reported as
     * {@link AmbiguousOutcomeException}, never re-sent.
     *
     * @param spec what the token should be
     * @return a future of the new token
     */
    default CompletableFuture<CreatedToken> createAsync(TokenSpec spec) {
        return CompletableFuture.failedFuture(unsupported(Capability.CREATE));
    }

    /**
     * Creates a token.
     *
     * @param spec what the token should be
     * @return the new token
     */
    default CreatedToken create(TokenSpec spec) {
        return Futures.blocking(() -> createAsync(spec));
    }

    /**
     * Rotates a token: the provider revokes it and issues a successor with a new id and secret.
     * Never re-sent when the response is lost (see {@link AmbiguousOutcomeException}).
     *
     * @param tokenId the provider's id, or a provider's alias such as GitLab's {@code self}
     * @param expiresOn the successor's expiry date, or null for the provider's default
     * @return a future of the successor
     */
    default CompletableFuture<CreatedToken> rotateAsync(String tokenId, LocalDate expiresOn) {
        return CompletableFuture.failedFuture(unsupported(Capability.ROTATE));
    }

    /**
     * Rotates a token.
     *
     * @param tokenId the provider's id, or an alias such as {@code self}
     * @param expiresOn the successor's expiry date, or null for the provider's default
     * @return the successor
     */
    default CreatedToken rotate(String tokenId, LocalDate expiresOn) {
        return Futures.blocking(() -> rotateAsync(tokenId, expiresOn));
    }

    /**
     * Revokes a token.
     *
     * @param tokenId the provider's id, or an alias such as {@code self}
     * @return a future that completes when the token is revoked
     */
    default CompletableFuture<Void> revokeAsync(String tokenId) {
        return CompletableFuture.failedFuture(unsupported(Capability.REVOKE));
    }

    /**
     * Revokes a token.
     *
     * @param tokenId the provider's id, or an alias such as {@code self}
     */
    default void revoke(String tokenId) {
        Futures.blocking(() -> revokeAsync(tokenId));
    }

    /**
     * Adds this client's credentials to the caller's own request. The request must go to this
     * client's origin (scheme, host and port of {@link #baseUri()}) over https, or to loopback;
     * credentials are never attached for another origin.
     *
     * @param request the caller's request builder; it must have a URI
     * @return the same builder
     * @throws InsecureTransportException if the request goes to another origin or over plain http
     */
    HttpRequest.Builder authenticate(HttpRequest.Builder request);

    /**
     * Credentials for Git over HTTPS with this client's token.
     *
     * @return the user name and password to give git
     */
    default GitCredentials gitCredentials() {
        throw unsupported(Capability.GIT_CREDENTIALS);
    }

    /** @return the provider's rate-limit budget as last reported to this client, if any */
    Optional<RateLimitSnapshot> rateLimit();

    /**
     * The exception for an operation this provider cannot do; providers override it to add a hint
     * such as a web link.
     *
     * @param capability the operation
     * @return the exception to throw
     */
    default UnsupportedCapabilityException unsupported(Capability capability) {
        return new UnsupportedCapabilityException(providerId(), capability,
                "Use the provider's web interface.", null);
    }

    /**
     * This client as a provider's typed interface, for example {@code GitLabClient}.
     *
     * @param type the interface
     * @param <T> the interface
     * @return this client
     * @throws IllegalArgumentException if the client does not implement it
     */
    default <T extends ProviderClient> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("The " + providerId() + " client is not a " + type.getName());
    }

    /** Releases what this client holds. The shared HTTP client belongs to {@link Patkit}. */
    @Override
    default void close() {}
}
