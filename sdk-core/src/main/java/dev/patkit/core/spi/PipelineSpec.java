package dev.patkit.core.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider tells the pipeline about itself.
 *
 * @param provider the provider id
 * @param baseUri the API base; credentials are only ever sent to its origin
 * @param authenticator adds credentials to each attempt
 * @param errorMapper turns error responses into exceptions
 * @param defaultHeaders headers sent on every request (for example {@code Accept})
 */
public record PipelineSpec(String provider, URI baseUri, RequestAuthenticator authenticator, ErrorMapper errorMapper,
        Map<String, String> defaultHeaders) {

    /**
     * Creates a spec.
     *
     * @param provider the provider id
     * @param baseUri the API base
     * @param authenticator adds credentials
     * @param errorMapper maps errors
     * @param defaultHeaders headers for every request
     */
    public PipelineSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUri, "baseUri");
        dev.patkit.core.SecureTransport.requireNoUserInfo(baseUri, "The API base");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(errorMapper, "errorMapper");
        defaultHeaders = Map.copyOf(defaultHeaders);
    }
}
