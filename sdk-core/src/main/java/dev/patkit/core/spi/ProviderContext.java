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
}
