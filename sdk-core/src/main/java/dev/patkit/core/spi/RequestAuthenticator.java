package dev.patkit.core.spi;

import dev.patkit.core.Token;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Adds a client's credentials to each attempt sent to the provider's own origin. The pipeline
 * never calls it for a request to another origin (after a redirect), so credentials cannot leak
 * there.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RequestAuthenticator {

    /**
     * Gets ready to authenticate, for example by logging in to obtain a short-lived token. Called
     * before every attempt; should be cheap when nothing needs doing.
     *
     * @return a future that completes when {@link #authenticate} may be called
     */
    default CompletableFuture<Void> prepare() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Adds credentials to an attempt: headers, or a signature over the request.
     *
     * @param request the attempt
     */
    void authenticate(OutgoingRequest request);

    /**
     * Called once per call when the provider rejected the credentials (any 401, or another error
     * the provider's authenticator recognises, such as an expired signature). Return true to have
     * the pipeline send the request once more after {@link #prepare()}, for example after renewing
     * a cached login token or correcting the clock offset. The rejected request was not carried
     * out, so a second attempt is safe even for calls that change state.
     *
     * @param rejected the rejected response
     * @return whether to try once more
     */
    default boolean retryAfterRejection(ApiResponse rejected) {
        return false;
    }

    /**
     * Removes this authenticator's secrets from text that came from a server before it goes into
     * an exception message.
     *
     * @param text the text
     * @return the text with every secret replaced by {@code ***}
     */
    default String redact(String text) {
        return text;
    }

    /**
     * An authenticator that sends nothing.
     *
     * @return the authenticator
     */
    static RequestAuthenticator none() {
        return request -> { };
    }

    /**
     * An authenticator that sends a token in one header, for example
     * {@code header("Authorization", "Bearer ", token)} or {@code header("PRIVATE-TOKEN", "", token)}.
     *
     * @param name the header's name
     * @param prefix text before the token, such as {@code "Bearer "}
     * @param token the token
     * @return the authenticator
     */
    static RequestAuthenticator header(String name, String prefix, Token token) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(token, "token");
        String value = prefix + token.reveal();
        return new RequestAuthenticator() {
            @Override
            public void authenticate(OutgoingRequest request) {
                request.header(name, value);
            }

            @Override
            public String redact(String text) {
                return text == null ? null : text.replace(token.reveal(), "***");
            }

            @Override
            public String toString() {
                return "HeaderAuthenticator[" + name + ", " + token + "]";
            }
        };
    }
}
