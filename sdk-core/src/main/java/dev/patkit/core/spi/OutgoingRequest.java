package dev.patkit.core.spi;

import java.net.URI;
import java.util.Map;

/**
 * One attempt about to be sent to the provider's own origin, for a {@link RequestAuthenticator}
 * to add credentials to (or to sign). Not thread-safe; used by one attempt only.
 */
public interface OutgoingRequest {

    /** @return the HTTP method */
    String method();

    /** @return the full URI, including the encoded query */
    URI uri();

    /** @return the exact body bytes that will be sent; empty for none. Do not modify. */
    byte[] body();

    /**
     * Whether {@link #body()} is the body that will be sent. False when the pipeline authenticates
     * a caller's own request ({@link HttpPipeline#authenticate}), whose body publisher it cannot
     * read: an authenticator that signs the body must then refuse requests that may carry one.
     *
     * @return true when the body is known
     */
    default boolean bodyKnown() {
        return true;
    }

    /** @return the headers set so far, by name as set */
    Map<String, String> headers();

    /**
     * Sets a header, replacing any value of the same name.
     *
     * @param name the header's name
     * @param value its value; never logged
     */
    void header(String name, String value);
}
