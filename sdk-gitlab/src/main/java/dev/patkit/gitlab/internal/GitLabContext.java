package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.spi.HttpPipeline;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one client's token families and service accounts share: the pipeline, the endpoints, the
 * rotation guard, the clock for the checks, the lifetime limit and the web pages. Immutable; the
 * guard is shared by the copies {@link #withMaxDays} makes.
 *
 * @param pipeline the client's pipeline
 * @param api the endpoints
 * @param rotation the rotation guard
 * @param clock the clock expiry checks use
 * @param maxDays the longest token lifetime create and rotate accept
 * @param web the instance's web pages
 */
record GitLabContext(HttpPipeline pipeline, GitLabEndpoints api, SafeRotation rotation, Clock clock, int maxDays,
        GitLabWeb web) {

    static GitLabContext create(HttpPipeline pipeline, Clock clock, Supplier<ObjectMapper> mapper, int maxDays) {
        GitLabJson json = new GitLabJson(pipeline.baseUri(), clock, mapper);
        return new GitLabContext(pipeline, new GitLabEndpoints(json),
                new SafeRotation(pipeline, clock, ConcurrentHashMap.newKeySet()), clock, maxDays,
                new GitLabWeb(pipeline.baseUri()));
    }

    GitLabContext withMaxDays(int days) {
        return new GitLabContext(pipeline, api, rotation, clock, days, web);
    }
}
