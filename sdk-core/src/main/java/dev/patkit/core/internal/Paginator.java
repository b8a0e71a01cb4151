package dev.patkit.core.internal;

import dev.patkit.core.PatkitException;
import dev.patkit.core.RedirectRefusedException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterators;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's last stage: a lazy stream of a paginated list. A page is fetched only when the
 * stream needs its first item. The next page comes from {@code Link: rel="next"} on the API's own
 * origin, else {@code x-next-page}; a link to another origin (a server that builds its links from
 * its own configured URL, behind a proxy) is never followed with the token: the listing continues
 * on the configured base by page number. Not thread-safe, like any spliterator.
 */
final class Paginator<T> extends Spliterators.AbstractSpliterator<T> {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit.http");

    /** One page of items and the request for the next page. */
    private record Page<T>(List<T> items, ApiRequest<List<T>> next) {}

    private final HttpPipeline pipeline;
    private final PipelineSpec spec;

    private ApiRequest<List<T>> next;
    private Iterator<T> current = Collections.emptyIterator();
    private URI lastUri;
    private final ApiRequest<List<T>> first;
    private String currentPage;

    Paginator(HttpPipeline pipeline, PipelineSpec spec, ApiRequest<List<T>> first) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.pipeline = pipeline;
        this.spec = spec;
        this.next = first;
        this.first = first;
        this.currentPage = first.query().get("page");
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        while (!current.hasNext()) {
            if (next == null) {
                return false;
            }
            ApiRequest<List<T>> pageRequest = next;
            Page<T> page = Futures.blocking(() -> pipeline.send(pageRequest.withMapper(r -> new Page<>(
                    pageRequest.mapper().map(r), nextPage(pageRequest, r)))));
            current = page.items().iterator();
            next = page.next();
        }
        action.accept(current.next());
        return true;
    }

    private ApiRequest<List<T>> nextPage(ApiRequest<List<T>> request, ApiResponse response) {
        Optional<String> link = response.nextLink();
        if (link.isPresent()) {
            URI target;
            try {
                target = response.uri().resolve(link.get());
            } catch (IllegalArgumentException e) {
                throw new PatkitException(spec.provider() + ": the next-page link of '" + request.operation()
                        + "' is malformed", response.context());
            }
            if (Redirects.sameOrigin(target, spec.baseUri())) {
                if (target.equals(lastUri) || target.equals(response.uri())) {
                    return null;
                }
                lastUri = response.uri();
                return request.withAbsoluteUri(target);
            }
            // A server behind a proxy builds its links from its own configured URL (GitLab does):
            // the token never goes there; the listing continues on the configured base by page number.
            Optional<String> page = response.headers().first("x-next-page").map(String::trim)
                    .filter(s -> !s.isEmpty()).or(() -> queryParameter(target, "page"));
            if (page.isEmpty() || !page.get().chars().allMatch(Character::isDigit) || page.get().length() >= 10) {
                throw new RedirectRefusedException(spec.provider() + ": the next-page link of '" + request.operation()
                        + "' points to another origin and gives no page number to continue with on "
                        + spec.baseUri(), response.context());
            }
            LOG.debug("{}: the next-page link of '{}' points to another origin; continuing on the configured base",
                    spec.provider(), request.operation());
            if (page.get().equals(currentPage)) {
                return null;
            }
            currentPage = page.get();
            return first.withQuery("page", page.get());
        }
        Optional<String> nextPage = response.headers().first("x-next-page").map(String::trim).filter(s -> !s.isEmpty());
        if (nextPage.isPresent() && nextPage.get().chars().allMatch(Character::isDigit) && nextPage.get().length() < 10) {
            if (nextPage.get().equals(request.query().get("page"))) {
                return null;
            }
            return request.withQuery("page", nextPage.get());
        }
        return null;
    }

    /** @return the first value of a query parameter of a link, decoded */
    private static Optional<String> queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
