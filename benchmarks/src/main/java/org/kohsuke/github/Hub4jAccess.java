package org.kohsuke.github;

import java.io.IOException;

/**
 * Benchmark-only access to hub4j's own request path. {@link GitHub#getMyself()} caches the user
 * after the first call, so a repeated "inspect" would measure a field read; this sends exactly
 * the request {@code getMyself()} sends on its first call, every time.
 */
public final class Hub4jAccess {

    private Hub4jAccess() {}

    /**
     * {@code GET /user} through hub4j's {@code Requester}, uncached.
     *
     * @param github the client
     * @return the user, with the response headers
     * @throws IOException on failure
     */
    public static GHMyself fetchMyself(GitHub github) throws IOException {
        return github.createRequest().withUrlPath("/user").fetch(GHMyself.class);
    }
}
