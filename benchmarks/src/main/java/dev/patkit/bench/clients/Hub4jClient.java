package dev.patkit.bench.clients;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHMyself;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.Hub4jAccess;

/**
 * hub4j github-api with its default connector. Scopes and expiry come from the response headers
 * hub4j keeps on the returned object ({@code getResponseHeaderFields()}), since it has no typed
 * accessor for them.
 */
public final class Hub4jClient implements BenchClient {

    private static final DateTimeFormatter GITHUB_EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final GitHub github;
    private final String baseUrl;

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL
     * @throws IOException if hub4j cannot be built
     */
    public Hub4jClient(String baseUrl) throws IOException {
        this(baseUrl, GITHUB_TOKEN);
    }

    private Hub4jClient(String baseUrl, String token) throws IOException {
        this.baseUrl = baseUrl;
        this.github = new GitHubBuilder().withEndpoint(baseUrl).withOAuthToken(token).build();
    }

    /** hub4j binds one token to a {@link GitHub}: a new one per token, as a user would build. */
    @Override
    public BenchClient forToken(int index) throws IOException {
        return new Hub4jClient(baseUrl, BenchClient.githubToken(index));
    }

    @Override
    public String name() {
        return "hub4j";
    }

    @Override
    public boolean supports(Op op) {
        return op == Op.GITHUB_INSPECT;
    }

    @Override
    @SuppressWarnings("deprecation") // getResponseHeaderFields(): hub4j's only way to the scope header
    public String call(Op op) throws IOException {
        if (op != Op.GITHUB_INSPECT) {
            throw new UnsupportedOperationException("hub4j is a GitHub client");
        }
        GHMyself me = Hub4jAccess.fetchMyself(github);
        Map<String, List<String>> headers = me.getResponseHeaderFields();
        List<String> scopes = new ArrayList<>();
        String expiry = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (e.getKey().equalsIgnoreCase("X-OAuth-Scopes")) {
                Arrays.stream(e.getValue().get(0).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(scopes::add);
            } else if (e.getKey().equalsIgnoreCase("GitHub-Authentication-Token-Expiration")) {
                expiry = e.getValue().get(0);
            }
        }
        return "login=" + me.getLogin() + " id=" + me.getId() + " scopes=" + BenchClient.scopes(scopes) + " expires="
                + (expiry == null ? null : ZonedDateTime.parse(expiry, GITHUB_EXPIRY).toInstant());
    }
}
