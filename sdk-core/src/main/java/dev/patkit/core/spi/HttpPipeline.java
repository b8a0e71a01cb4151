package dev.patkit.core.spi;

import dev.patkit.core.RateLimitSnapshot;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Sends one client's requests safely: redirects followed without leaking credentials, retries
 * for idempotent calls only, an overall deadline that bounds the body too, rate-limit budgets,
 * bounded response sizes, typed errors, and logs without secrets.
 *
 * <p>Thread-safe. One pipeline belongs to one client.
 */
public interface HttpPipeline {

    /**
     * Sends a request and maps its response.
     *
     * @param request the description of the call
     * @param <T> the result type
     * @return a future of the result; it fails with a {@link dev.patkit.core.PatkitException}
     */
    <T> CompletableFuture<T> send(ApiRequest<T> request);

    /**
     * Streams every item of a paginated list lazily, following {@code Link: rel="next"} or
     * {@code x-next-page}. A page is fetched only when the stream needs its first item.
     *
     * @param first the request for the first page; its mapper turns one page into items
     * @param <T> the item type
     * @return the items
     */
    <T> Stream<T> paginate(ApiRequest<List<T>> first);

    /**
     * Starts a deadline for an operation made of several calls, so together they take no longer
     * than one call may ({@link dev.patkit.core.PatkitOptions#callTimeout()}). Pass it to each call
     * with {@link ApiRequest#withDeadline(long)}.
     *
     * @return the deadline, a {@link System#nanoTime()} value
     */
    long newDeadline();

    /** @return the API base */
    URI baseUri();

    /** @return the rate-limit budget this pipeline's requests count against, as last reported */
    Optional<RateLimitSnapshot> rateLimit();

    /**
     * Names the rate-limit budget this pipeline's requests count against. By default each
     * credential has its own; providers whose limit is per user (AtomGit) switch to a key for the
     * user once they know it, so every client of that user shares one budget.
     *
     * @param key the budget's key, unique within the provider and host
     */
    void useBudget(String key);

    /**
     * Adds credentials to a caller's own request after checking it goes to this pipeline's origin.
     *
     * @param request the caller's request builder, with a URI
     * @return the same builder
     */
    HttpRequest.Builder authenticate(HttpRequest.Builder request);
}
