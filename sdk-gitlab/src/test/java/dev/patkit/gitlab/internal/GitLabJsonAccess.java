package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.ErrorContext;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Access to the package-private JSON mapping ({@link GitLabJson}) from sdk-gitlab's test-jar, so the
 * benchmarks can time the mapping of a page of tokens without HTTP. Works on the class path only
 * (the package is not exported on the module path), which is how the benchmarks run.
 */
public final class GitLabJsonAccess {

    private final ObjectMapper mapper;
    private final URI host;
    private final GitLabJson json;
    private final ErrorContext context = ErrorContext.of("gitlab", "list personal access tokens");

    /**
     * Creates the mapper as the GitLab client does.
     *
     * @param host the base URI recorded on each authorization
     * @param mapper the Jackson mapper
     */
    public GitLabJsonAccess(URI host, ObjectMapper mapper) {
        this.mapper = mapper;
        this.host = host;
        this.json = new GitLabJson(host, Clock.systemUTC(), () -> mapper);
    }

    /**
     * Parses a page and maps every record, as {@code list()} does for each page it reads.
     *
     * @param body the page's bytes
     * @return the authorizations
     * @throws java.io.IOException if the bytes are not JSON
     */
    public List<Authorization> page(byte[] body) throws java.io.IOException {
        return json.authorizations(new dev.patkit.core.spi.ApiResponse(200, new dev.patkit.core.spi.ResponseHeaders(
                java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true)), body, host, mapper, Clock.systemUTC(),
                s -> s, context), GitLabJson.Kind.PERSONAL);
    }
}
