package dev.patkit.bench.clients;

import dev.patkit.core.Authorization;
import dev.patkit.core.Owner;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Patkit through its public API only: one {@link Patkit} found by {@code ServiceLoader}, a GitLab
 * client for {@code /api/v4} and a GitHub client for the stub's root, created lazily so a JVM
 * that only inspects GitLab never builds the GitHub client.
 */
public final class PatkitBenchClient implements BenchClient {

    private static final TokenQuery PAGES_OF_100 = TokenQuery.builder().pageSize(100).build();

    private final Patkit patkit;
    private final String base;
    private volatile ProviderClient gitlab;
    private volatile ProviderClient github;

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL
     */
    public PatkitBenchClient(String baseUrl) {
        this.base = baseUrl;
        this.patkit = Patkit.create();
    }

    @Override
    public String name() {
        return "patkit";
    }

    @Override
    public boolean supports(Op op) {
        return true;
    }

    private ProviderClient gitlab() {
        ProviderClient c = gitlab;
        if (c == null) {
            synchronized (this) {
                if (gitlab == null) {
                    gitlab = patkit.client("gitlab", URI.create(base + "/api/v4"), Token.of(GITLAB_TOKEN));
                }
                c = gitlab;
            }
        }
        return c;
    }

    private ProviderClient github() {
        ProviderClient c = github;
        if (c == null) {
            synchronized (this) {
                if (github == null) {
                    github = patkit.client("github", URI.create(base), Token.of(GITHUB_TOKEN));
                }
                c = github;
            }
        }
        return c;
    }

    @Override
    public String call(Op op) {
        return switch (op) {
            case GITLAB_INSPECT -> gitlabSummary(gitlab().inspect());
            case GITLAB_LIST -> {
                AtomicInteger count = new AtomicInteger();
                AtomicReference<String> last = new AtomicReference<>();
                gitlab().list(PAGES_OF_100).forEach(a -> {
                    count.incrementAndGet();
                    last.set(a.tokenId().orElse(null));
                });
                yield "count=" + count + " last=" + last;
            }
            case GITHUB_INSPECT -> {
                Authorization a = github().inspect();
                Owner owner = a.owner().orElseThrow();
                yield "login=" + owner.login().orElse(null) + " id=" + owner.id() + " scopes="
                        + BenchClient.scopes(a.scopes().names()) + " expires=" + a.expiresAt().orElse(null);
            }
        };
    }

    static String gitlabSummary(Authorization a) {
        return "id=" + a.tokenId().orElse(null) + " name=" + a.tokenName().orElse(null) + " scopes="
                + BenchClient.scopes(a.scopes().names()) + " active=" + a.isActive() + " expires="
                + a.expiresAt().orElse(null);
    }

    @Override
    public void close() {
        patkit.close();
    }
}
