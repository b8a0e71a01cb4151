package dev.patkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What an exception was about: which provider, which operation, and what the server said.
 *
 * @param provider the provider id, or {@code "patkit"} when no provider was involved
 * @param operation what was being done, for example {@code "rotate personal access token"}
 * @param httpStatus the HTTP status of the response, or 0 when there was none
 * @param requestId the server's request id, if it sent one
 */
public record ErrorContext(String provider, String operation, int httpStatus, Optional<String> requestId) {

    /** Context for errors that involve no provider and no request. */
    public static final ErrorContext NONE = new ErrorContext("patkit", "", 0, Optional.empty());

    /**
     * Context for an error raised before any response.
     *
     * @param provider the provider id
     * @param operation what was being done
     * @return the context
     */
    public static ErrorContext of(String provider, String operation) {
        return new ErrorContext(provider, operation, 0, Optional.empty());
    }

    /**
     * The same context with an HTTP status and the request id the server gave, if any.
     *
     * @param status the HTTP status
     * @param id the request id
     * @return the context
     */
    public ErrorContext withResponse(int status, Optional<String> id) {
        return new ErrorContext(provider, operation, status, Objects.requireNonNull(id, "id"));
    }

    /**
     * The same context with an HTTP status and no request id.
     *
     * @param status the HTTP status
     * @return the context
     */
    public ErrorContext withStatus(int status) {
        return new ErrorContext(provider, operation, status, Optional.empty());
    }
}
