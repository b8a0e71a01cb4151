package dev.patkit.core.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.PatkitOptions;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * The narrow context a {@link ProviderClientFactory} builds clients from. Everything in it is
 * shared by every client of one {@link dev.patkit.core.Patkit} instance and is thread-safe.
 */
public interface ProviderContext {

    /** @return the options */
    PatkitOptions options();

    /** @return the shared HTTP client; it never follows redirects */
    HttpClient httpClient();

    /** @return the shared JSON mapper */
    ObjectMapper objectMapper();

    /** @return the clock for expiry and rate-limit arithmetic */
    Clock clock();

    /**
     * Creates the HTTP pipeline one client sends its requests through.
     *
     * @param spec the provider, base, credentials and error shape
     * @return the pipeline
     */
    HttpPipeline pipeline(PipelineSpec spec);

    /**
     * State a provider keeps for the life of one {@link dev.patkit.core.Patkit} instance, shared by
     * all its clients of that provider (for example what a forge has said about a host). Created once
     * per key; factories keep none of their own, so one factory may serve many Patkit instances.
     *
     * @param key the state's type, usually a class private to the provider
     * @param create makes the state on first use
     * @param <T> the state's type
     * @return the one instance for this Patkit
     */
    <T> T shared(Class<T> key, java.util.function.Supplier<T> create);
}
