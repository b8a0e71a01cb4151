package dev.patkit.core.spi;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A response's headers. Unlike {@link HttpHeaders}, {@code toString()} shows names only, so a
 * header that carries a token (IAM's {@code X-Subject-Token}) cannot leak through it.
 */
public final class ResponseHeaders {

    private final HttpHeaders headers;

    /**
     * Wraps the JDK's headers.
     *
     * @param headers the headers
     */
    public ResponseHeaders(HttpHeaders headers) {
        this.headers = headers;
    }

    /** @param name a header, any case @return its first value */
    public Optional<String> first(String name) {
        return headers.firstValue(name);
    }

    /** @param name a header, any case @return all its values */
    public List<String> all(String name) {
        return headers.allValues(name);
    }

    /** @return the header names present */
    public Set<String> names() {
        return headers.map().keySet();
    }

    @Override
    public String toString() {
        return "ResponseHeaders" + names();
    }
}
