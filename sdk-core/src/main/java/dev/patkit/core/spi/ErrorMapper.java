package dev.patkit.core.spi;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;

/**
 * Turns a provider's error response into a typed exception: one implementation per provider
 * error shape. Most implementations read the provider's message from the body and hand it to
 * {@link StandardErrors#forStatus}, refining the type where the provider's body says more than the
 * status (a rate limit on a 403, a conflict on a 400).
 *
 * <p>Implementations must be thread-safe and must never put a response body, a request body or a
 * token into the message: {@link StandardErrors} cleans provider text before use.
 */
@FunctionalInterface
public interface ErrorMapper {

    /**
     * Maps an error response.
     *
     * @param response a response with a status that is not 2xx or 3xx
     * @param context the provider, operation, status and request id
     * @return the exception to fail the call with
     */
    PatkitException map(ApiResponse response, ErrorContext context);
}
