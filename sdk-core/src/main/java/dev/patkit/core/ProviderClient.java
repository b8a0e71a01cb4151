package dev.patkit.core;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.Set;

/**
 * A client for one provider endpoint holding one credential: the interface users call and each
 * provider implements.
 *
 * <p>Calls block; {@link #async()} is the same client with futures, running the same description
 * of each endpoint. The client's own token is inspected with {@link #inspect()}; the tokens it may
 * manage are a {@link Tokens} family ({@link #tokens()}); provider modules add typed extras through
 * sub-interfaces (see {@link #unwrap}). An operation the provider cannot do over its API throws
 * {@link UnsupportedCapabilityException} with a hint for a person; {@link #capabilities()} says
 * beforehand.
 *
 * <pre>{@code
 * try (Patkit patkit = Patkit.create()) {
 *     ProviderClient client = patkit.client("gitlab", Token.fromEnvironment("GITLAB_TOKEN"));
 *     Authorization me = client.inspect();
 *     List<Authorization> all = client.tokens().list(TokenQuery.all()).toList();
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe and cheap: clients share their {@link Patkit} instance's
 * HTTP client, so a framework may hold thousands.
 */
public interface ProviderClient extends AutoCloseable {

    /** @return the provider id, for example {@code gitlab} */
    String providerId();

    /** @return the API base this client talks to */
    URI baseUri();

    /** @return what this client can do, its default token family's capabilities included */
    Set<Capability> capabilities();

    /**
     * Inspects the client's own token: owner, scopes, expiry, standing. Each provider documents
     * whether a rejected token yields an {@link AuthorizationStatus#INVALID} authorization or an
     * {@link AuthenticationException}.
     *
     * @return the authorization
     */
    Authorization inspect();

    /**
     * The token family this client manages by default: the personal tokens of the token's user,
     * where the forge has them over its API.
     *
     * @return the family; its {@link Tokens#capabilities()} say what it supports
     */
    Tokens tokens();

    /**
     * Adds this client's credentials to a request of the caller's own, only if the request goes to
     * this client's API origin over a transport {@link SecureTransport} allows.
     *
     * @param request the request to authenticate
     * @return the same builder
     */
    HttpRequest.Builder authenticate(HttpRequest.Builder request);

    /**
     * Credentials for Git over HTTPS with this client's token.
     *
     * @return the user name and password for Git
     * @throws UnsupportedCapabilityException if the provider has no Git over HTTPS
     */
    GitCredentials gitCredentials();

    /** @return the most recent rate-limit budget the server reported, if any */
    Optional<RateLimitSnapshot> rateLimit();

    /** @return the same client with futures */
    AsyncProviderClient async();

    /**
     * The provider's own interface, for its typed extras.
     *
     * @param type the provider's client interface, for example {@code GitLabClient.class}
     * @param <T> that interface
     * @return this client as that type
     * @throws IllegalArgumentException if this client is not one
     */
    default <T extends ProviderClient> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("The " + providerId() + " client is not a " + type.getName());
    }

    /** Releases what the client holds; the shared HTTP client belongs to its {@link Patkit}. */
    @Override
    default void close() {}
}
