package dev.patkit.core.spi;

/**
 * Turns a successful response into a result.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ResponseMapper<T> {

    /**
     * Maps a 2xx response.
     *
     * @param response the response
     * @return the result
     */
    T map(ApiResponse response);
}
